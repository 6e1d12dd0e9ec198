import type { CacheTtls } from './distribution';

export interface CachedResponse {
  readonly statusCode: number;
  /** `set-cookie` may repeat (payload v2 `cookies`); every other header is one value. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * The distribution's cache: keyed by path only (never cookies or the query: the template's cache
 * policies key by path, local/distribution.ts refuses others), kept for the TTL CloudFront would
 * give. The clock is passed in so tests can age entries.
 */
export class PageCache {
  private readonly entries = new Map<string, { response: CachedResponse; expires: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    /** ErrorCachingMinTTL by status code (the distribution's CustomErrorResponses); others 10 s. */
    private readonly errorTtls: Readonly<Record<number, number>> = {},
  ) {}

  get(path: string): CachedResponse | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(path);
      return undefined;
    }
    return entry.response;
  }

  /** Keeps a response for as long as CloudFront would under a cache policy with these TTLs. */
  put(path: string, response: CachedResponse, ttls: CacheTtls): void {
    const seconds = response.statusCode >= 400 ? errorTtlOf(response, this.errorTtls[response.statusCode] ?? 10) : ttlOf(response, ttls);
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

/**
 * CloudFront's rule: the origin's `s-maxage`/`max-age` clamped to the policy's min and max, the
 * default TTL when it gives none; `no-store`, `no-cache` or `private` mean no caching when the
 * minimum is 0. Errors are not kept here (CloudFront keeps some for ErrorCachingMinTTL).
 */
/**
 * An error is kept for the origin's own max-age when it sends one (never with no-store), else for
 * the error caching minimum TTL: CloudFront's rule for 4xx and 5xx responses.
 */
function errorTtlOf(response: CachedResponse, minimum: number): number {
  const cacheControl = String(response.headers['cache-control'] ?? '');
  if (/no-store|no-cache|private/.test(cacheControl)) return 0;
  const match = /s-maxage=(\d+)/.exec(cacheControl) ?? /max-age=(\d+)/.exec(cacheControl);
  return match?.[1] ? Number(match[1]) : minimum;
}

function ttlOf(response: CachedResponse, ttls: CacheTtls): number {
  const cacheControl = String(response.headers['cache-control'] ?? '');
  if (/no-store|no-cache|private/.test(cacheControl)) return ttls.min;
  const match = /s-maxage=(\d+)/.exec(cacheControl) ?? /max-age=(\d+)/.exec(cacheControl);
  if (!match?.[1]) return ttls.default;
  return Math.min(Math.max(Number(match[1]), ttls.min), ttls.max);
}
