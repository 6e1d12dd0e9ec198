/**
 * The distribution's page cache, as the invalidate function sees it (functions/invalidate): after
 * a save, the wiki's cached pages are dropped so readers see the change at once. Paths are viewer
 * paths; a trailing `*` matches every path with that prefix (CloudFront's wildcard).
 * `reference` identifies one batch: asking again with the same reference and paths (a retry) must
 * not count as a second invalidation.
 */
export interface CdnInvalidator {
  invalidate(paths: readonly string[], reference?: string): Promise<void>;
}

/** The CDN refused for now (throttled, too many invalidations in progress, a 5xx): try again later. */
export class CdnBusyError extends Error {
  readonly code = 'cdn-busy';
}
