/**
 * Which bucket changes make cached pages stale, and which cache paths they stale: the bucket's
 * event notifications (resources/invalidate.yml) send these prefixes to the invalidation queue,
 * and the local platform (local/invalidations.ts) filters s3rver's events by the same list.
 * A fragment (page, sidebar, shell) or an attachment of `{user}/{wiki}` stales every cached path
 * of that wiki: page URLs are case-insensitive (many cache keys per page), and a sidebar or shell
 * change shows on every page. One wildcard per wiki is one invalidation path.
 */
export const INVALIDATING_PREFIXES = ['fragments/', 'attachments/'] as const;

/** `fragments/alice/notes/pages/tea.html` → `/alice/notes/*`; undefined for any other key. */
export function wikiPathOfKey(key: string): string | undefined {
  const prefix = INVALIDATING_PREFIXES.find((p) => key.startsWith(p));
  if (!prefix) return undefined;
  const [user, wiki, ...rest] = key.slice(prefix.length).split('/');
  // User and wiki names are [a-z0-9-] (DESIGN §2), so S3's URL-encoding of event keys never
  // touches them; anything else is not a wiki object.
  if (!user || !wiki || rest.length === 0 || !SLUG.test(user) || !SLUG.test(wiki)) return undefined;
  return `/${user}/${wiki}/*`;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One S3 event notification record, as S3 puts it on the queue (and s3rver emits it). */
export interface S3NotificationRecord {
  readonly eventName?: string;
  readonly s3?: { readonly bucket?: { readonly name?: string }; readonly object?: { readonly key?: string } };
}

/**
 * The wiki paths one queue message stales. The body is S3's notification JSON; S3 also sends an
 * `s3:TestEvent` when the notification is configured, which stales nothing. Keys of another
 * bucket are ignored (the queue policy admits this account's buckets of this stack's name).
 */
export function pathsOfMessage(body: string, bucket: string): string[] {
  let parsed: { Records?: S3NotificationRecord[] };
  try {
    parsed = JSON.parse(body) as { Records?: S3NotificationRecord[] };
  } catch {
    return [];
  }
  const paths: string[] = [];
  for (const record of parsed.Records ?? []) {
    if (record.s3?.bucket?.name !== bucket) continue;
    const key = record.s3.object?.key;
    const path = key === undefined ? undefined : wikiPathOfKey(decodeEventKey(key));
    if (path) paths.push(path);
  }
  return paths;
}

/** S3 event keys are URL-encoded with `+` for a space. */
function decodeEventKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
