export interface CachedResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
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
    const seconds = sharedMaxAge(response.headers['cache-control']);
    if (seconds > 0) this.entries.set(path, { response, expires: this.now() + seconds * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }
}

function sharedMaxAge(cacheControl: string | undefined): number {
  if (!cacheControl || /no-store|private/.test(cacheControl)) return 0;
  const match = /s-maxage=(\d+)/.exec(cacheControl) ?? /max-age=(\d+)/.exec(cacheControl);
  return match?.[1] ? Number(match[1]) : 0;
}
