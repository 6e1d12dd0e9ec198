/**
 * Path normalisation for the edge gate (DESIGN §4: "the path is normalised before any decision").
 *
 * This file is compiled into the CloudFront Function (cloudfront-js-2.0, an njs dialect), so it is
 * written in the subset that runtime parses: no destructuring, default or rest parameters, spread,
 * for-of, classes, Map/Set, optional catch bindings or String.prototype.normalize.
 */

/** What a request path names once normalised. `uri` is the canonical path the origin must receive. */
export type EdgePath =
  | {
    readonly kind: 'wiki';
    readonly user: string;
    readonly wiki: string;
    /** The canonical viewer path (what a sign-in returns to). */
    readonly path: string;
    /** What the origin receives: `path`, or for an attachment URL its object key (`/{user}/{wiki}/{page key}/{file}`). */
    readonly uri: string;
  }
  | { readonly kind: 'other'; readonly uri: string }
  | { readonly kind: 'bad'; readonly reason: string };
// `reason` is a short phrase (the function's size budget is 7 KB): what made the path unusable.

/** Longest path the gate will look at; CloudFront itself allows 8 KB for the whole URL. */
export const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENTS = 128;

const USER = /^[a-z0-9][a-z0-9-]{0,38}$/;
const WIKI = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** First segments the distribution routes elsewhere (mirrors shared/core/slugs.ts RESERVED_USERS). */
const RESERVED: Record<string, true> = { api: true, auth: true, mcp: true, static: true, '-': true };
// C0/C1 controls and DEL never belong in a path; a backslash is a separator to some clients.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;
const ASCII = /^[\u0020-\u007e]*$/;

export function isUserSlug(value: string): boolean {
  return USER.test(value) && RESERVED[value] !== true;
}

export function isWikiSlug(value: string): boolean {
  return WIKI.test(value);
}

/**
 * Decodes a raw request path and resolves it the way a browser would: percent-encoding (including
 * `%2F`, which becomes a separator), empty segments (`//`), `.` and `..`. The first two segments
 * (user and wiki) must be ASCII: they are lower-cased, and anything else (a Cyrillic `а`, a
 * fullwidth `ａ`, the Kelvin sign `K` that lower-cases to `k`) is refused rather than guessed at.
 * The result's `uri` re-encodes the segments canonically; the edge forwards exactly that path, so
 * the origin serves the wiki the decision was made about.
 */
export function normalisePath(rawUri: string): EdgePath {
  if (typeof rawUri !== 'string' || rawUri.charAt(0) !== '/') return bad('not absolute');
  if (rawUri.length > MAX_PATH_LENGTH) return bad('too long');
  const rawSegments = rawUri.split('/');
  const segments: string[] = [];
  let trailingSlash = false;
  for (let i = 1; i < rawSegments.length; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawSegments[i] as string);
    } catch (e) {
      return bad('percent-encoding');
    }
    if (FORBIDDEN.test(decoded)) return bad('control character or backslash');
    // A decoded `%2F` separates segments just like a literal slash.
    const parts = decoded.split('/');
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j] as string;
      trailingSlash = part === '' || part === '.' || part === '..';
      if (part === '' || part === '.') continue;
      if (part === '..') {
        segments.pop();
        continue;
      }
      segments.push(part);
      if (segments.length > MAX_SEGMENTS) return bad('too long');
    }
  }
  if (segments.length > 0) {
    if (!ASCII.test(segments[0] as string)) return bad('non-ASCII name');
    segments[0] = (segments[0] as string).toLowerCase();
  }
  const user = segments.length > 0 ? (segments[0] as string) : '';
  if (!isUserSlug(user)) return { kind: 'other', uri: encodePath(segments, trailingSlash) };
  if (segments.length < 2) return { kind: 'other', uri: encodePath(segments, trailingSlash) };
  if (!ASCII.test(segments[1] as string)) return bad('non-ASCII name');
  segments[1] = (segments[1] as string).toLowerCase();
  const wiki = segments[1] as string;
  if (!isWikiSlug(wiki)) return { kind: 'other', uri: encodePath(segments, trailingSlash) };
  // The wiki's home is always `/{user}/{wiki}/`, saving the origin's redirect.
  const canonical = encodePath(segments, trailingSlash || segments.length === 2);
  // An attachment URL is forwarded as its object's key; the attachments origin adds `/attachments`.
  const last = segments.length - 1;
  if (!trailingSlash && last >= 4 && segments[last - 1] === 'a' && segments[2] !== '-') {
    const key = pageKey(segments.slice(2, last - 1));
    if (key !== '') {
      return { kind: 'wiki', user: user, wiki: wiki, path: canonical, uri: encodePath([user, wiki].concat(key.split('/'), [nfkc(segments[last] as string)]), false) };
    }
  }
  return { kind: 'wiki', user: user, wiki: wiki, path: canonical, uri: canonical };
}

/**
 * A page's case-folded key from its URL segments, by Otter Wiki's naming rules as
 * shared/core/pagePath.ts applies them (NFKC, `? | $ . ! # \` dropped, blank segments and a
 * leading `-` removed, lower case). '' when nothing usable is left.
 */
export function pageKey(pageSegments: string[]): string {
  const parts = nfkc(pageSegments.join('/')).replace(DROPPED, '').split('/');
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = (parts[i] as string).trim();
    if (part !== '') kept.push(part);
  }
  return kept.join('/').replace(/^[-/]+/, '').toLowerCase();
}

const DROPPED = /[?|$.!#\\]/g;

// cloudfront-js-2.0 has no String.prototype.normalize: there, a name the wiki wrote (already NFKC) passes as it is.
function nfkc(text: string): string {
  return typeof text.normalize === 'function' ? text.normalize('NFKC') : text;
}

function encodePath(segments: string[], trailingSlash: boolean): string {
  if (segments.length === 0) return '/';
  const encoded: string[] = [];
  for (let i = 0; i < segments.length; i++) encoded.push(encodeURIComponent(segments[i] as string));
  return '/' + encoded.join('/') + (trailingSlash ? '/' : '');
}

function bad(reason: string): EdgePath {
  return { kind: 'bad', reason: reason };
}
