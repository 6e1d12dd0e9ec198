export interface CachedResponse {
  readonly statusCode: number;
  /** `set-cookie` may repeat (payload v2 `cookies`); every other header is one value. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * The distribution's page cache: keyed by path only (never cookies or the query), kept for the
 * origin's `s-maxage`. The clock is passed in so tests can age entries.
 */
export class PageCache {
  private readonly entries = new Map<string, { response: CachedResponse; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(path: string): CachedResponse | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(path);
      return undefined;
    }
    return entry.response;
  }

  put(path: string, response: CachedResponse): void {
    const seconds = sharedMaxAge(String(response.headers['cache-control'] ?? ''));
    if (seconds > 0) this.entries.set(path, { response, expires: this.now() + seconds * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Drops cached paths, as a CloudFront invalidation does: a path ending in `*` drops every path
   * with that prefix. The write function calls it after an edit in the browser (docs/views.md).
   */
  invalidate(paths: readonly string[]): void {
    for (const pattern of paths) {
      if (pattern.endsWith('*')) {
        const prefix = pattern.slice(0, -1);
        for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
      } else {
        this.entries.delete(pattern);
      }
    }
  }
}

function sharedMaxAge(cacheControl: string | undefined): number {
  if (!cacheControl || /no-store|private/.test(cacheControl)) return 0;
  const match = /s-maxage=(\d+)/.exec(cacheControl) ?? /max-age=(\d+)/.exec(cacheControl);
  return match?.[1] ? Number(match[1]) : 0;
}
