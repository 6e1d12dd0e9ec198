/**
 * The distribution's page cache, as the write function sees it: after a save, the wiki's cached
 * pages are dropped so readers see the change at once (docs/views.md explains the choice). Paths
 * are viewer paths; a trailing `*` matches every path with that prefix (CloudFront's wildcard).
 */
export interface CdnInvalidator {
  invalidate(paths: readonly string[]): Promise<void>;
}
