/**
 * The edge configuration as CloudFront KeyValueStore entries (DESIGN §3: ≤ 5 MB, keys ≤ 512 bytes,
 * values ≤ 1 KB), shared by the CloudFront Function (reads) and edge-sync (writes). Written in the
 * njs subset (see ./path.ts).
 *
 *   w:{user}/{wiki}          → "public" | "private"          one per live wiki
 *   m:{user}/{wiki}:{sub}    → "reader" | "editor" | "admin" one per member (any visibility)
 *   k:{kid}                  → {"s":"<secret, base64url>","iss":"…","aud":"…"}   session keys
 *
 * A sub that is not printable ASCII, or starts with `#`, is stored as `#` + base64url(SHA-256(sub))
 * so that every key stays within 512 bytes whatever the identity provider's subjects look like.
 */

export type EdgeVisibility = 'public' | 'private';

export interface KvsEntry {
  readonly key: string;
  readonly value: string;
}

/** SHA-256 of a UTF-8 string, base64url. */
export type Sha256 = (text: string) => string;
/** A KeyValueStore read: resolves the value, rejects when the key is missing (as `cf.kvs().get` does). */
export type KvsGet = (key: string) => Promise<string>;

export const WIKI_PREFIX = 'w:';
export const MEMBER_PREFIX = 'm:';
export const KEY_PREFIX = 'k:';
/** Every prefix edge-sync owns; a full resync deletes any other key under these. */
export const EDGE_PREFIXES: readonly string[] = [WIKI_PREFIX, MEMBER_PREFIX, KEY_PREFIX];

export const MAX_KEY_BYTES = 512;
export const MAX_VALUE_BYTES = 1024;
const PLAIN_SUB = /^[\u0021-\u0022\u0024-\u007e][\u0021-\u007e]{0,255}$/;
const ROLE: Record<string, true> = { reader: true, editor: true, admin: true };

export function wikiEntryKey(user: string, wiki: string): string {
  return WIKI_PREFIX + user + '/' + wiki;
}

export function memberEntryKey(user: string, wiki: string, sub: string, sha256: Sha256): string {
  return MEMBER_PREFIX + user + '/' + wiki + ':' + (PLAIN_SUB.test(sub) ? sub : '#' + sha256(sub));
}

export function sessionKeyEntryKey(kid: string): string {
  return KEY_PREFIX + kid;
}

export function sessionKeyEntryValue(secretBase64url: string, iss: string, aud: string): string {
  return JSON.stringify({ s: secretBase64url, iss: iss, aud: aud });
}

/** The wiki's visibility, or undefined when the store has no entry (an unknown wiki). */
export async function kvsVisibility(get: KvsGet, user: string, wiki: string): Promise<EdgeVisibility | undefined> {
  const value = await tryGet(get, wikiEntryKey(user, wiki));
  return value === 'public' || value === 'private' ? value : undefined;
}

export async function kvsIsMember(get: KvsGet, user: string, wiki: string, sub: string, sha256: Sha256): Promise<boolean> {
  const value = await tryGet(get, memberEntryKey(user, wiki, sub, sha256));
  return value !== undefined && ROLE[value] === true;
}

export async function kvsSessionKey(get: KvsGet, kid: string): Promise<{ secret: string; iss: string; aud: string } | undefined> {
  const value = await tryGet(get, sessionKeyEntryKey(kid));
  if (value === undefined) return undefined;
  let parsed: { s?: unknown; iss?: unknown; aud?: unknown };
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    return undefined;
  }
  if (!parsed || typeof parsed.s !== 'string' || typeof parsed.iss !== 'string' || typeof parsed.aud !== 'string') return undefined;
  return { secret: parsed.s, iss: parsed.iss, aud: parsed.aud };
}

async function tryGet(get: KvsGet, key: string): Promise<string | undefined> {
  try {
    const value = await get(key);
    return typeof value === 'string' ? value : undefined;
  } catch (e) {
    // A missing key rejects: the caller decides what "unknown" means (the gate: private, no members).
    return undefined;
  }
}
