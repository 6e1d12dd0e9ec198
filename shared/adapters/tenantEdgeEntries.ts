import { isRole } from '../core/access';
import {
  EDGE_PREFIXES, memberEntryKey, sessionKeyEntryKey, sessionKeyEntryValue, wikiEntryKey, type KvsEntry, type Sha256,
} from '../core/edge/kvsLayout';
import type { EdgeConfigChanges } from '../ports/edgeConfigStore';
import { MEMBER_SK_PREFIX, WIKI_SK } from './tenantTable';

/**
 * The pure mapping from tenants-table items (plain, unmarshalled) to edge configuration entries
 * (layout: shared/core/edge/kvsLayout.ts). edge-sync applies it to stream records, the full resync
 * to a scan, and the local platform to its emulated stream.
 */
export type TenantItem = Readonly<Record<string, unknown>>;

/** What one item contributes to the edge: a live wiki its visibility, a member its role. */
export function entriesOfItem(item: TenantItem | undefined, sha256: Sha256): KvsEntry[] {
  if (!item) return [];
  const pk = String(item.PK ?? '');
  const sk = String(item.SK ?? '');
  if (!pk.startsWith('WIKI#')) return [];
  const user = typeof item.user === 'string' ? item.user : undefined;
  const wiki = typeof item.wiki === 'string' ? item.wiki : undefined;
  if (!user || !wiki) return [];
  if (sk === WIKI_SK) {
    if (item.deleted) return [];
    return [{ key: wikiEntryKey(user, wiki), value: item.visibility === 'public' ? 'public' : 'private' }];
  }
  if (sk.startsWith(MEMBER_SK_PREFIX) && typeof item.sub === 'string' && isRole(item.role)) {
    return [{ key: memberEntryKey(user, wiki, item.sub, sha256), value: item.role }];
  }
  return [];
}

/** The changes one stream record (old image → new image) makes to the edge configuration. */
export function changesOfRecord(oldItem: TenantItem | undefined, newItem: TenantItem | undefined, sha256: Sha256): EdgeConfigChanges {
  const before = entriesOfItem(oldItem, sha256);
  const after = entriesOfItem(newItem, sha256);
  const afterKeys = new Set(after.map((e) => e.key));
  return {
    puts: after.filter((e) => !before.some((b) => b.key === e.key && b.value === e.value)),
    deletes: before.filter((e) => !afterKeys.has(e.key)).map((e) => e.key),
  };
}

/** Several changes in order → one set where the last word on each key wins. */
export function mergeChanges(list: readonly EdgeConfigChanges[]): EdgeConfigChanges {
  const last = new Map<string, string | undefined>();
  for (const changes of list) {
    for (const key of changes.deletes) {
      last.delete(key);
      last.set(key, undefined);
    }
    for (const { key, value } of changes.puts) {
      last.delete(key);
      last.set(key, value);
    }
  }
  const puts: KvsEntry[] = [];
  const deletes: string[] = [];
  for (const [key, value] of last) {
    if (value === undefined) deletes.push(key);
    else puts.push({ key, value });
  }
  return { puts, deletes };
}

export interface EdgeSessionKeySetting {
  readonly kid: string;
  readonly secret: Uint8Array;
}

/** The session keys as edge entries: every key in rotation verifies at the edge. */
export function sessionKeyEntries(keys: readonly EdgeSessionKeySetting[], issuer: string, audience: string): KvsEntry[] {
  return keys.map((k) => ({
    key: sessionKeyEntryKey(k.kid),
    value: sessionKeyEntryValue(Buffer.from(k.secret).toString('base64url'), issuer, audience),
  }));
}

/** What turns `current` into `desired`; keys outside the edge prefixes are left alone. */
export function diffEntries(desired: readonly KvsEntry[], current: readonly KvsEntry[]): EdgeConfigChanges {
  const want = new Map(desired.map((e) => [e.key, e.value]));
  const have = new Map(current.map((e) => [e.key, e.value]));
  return {
    puts: [...want].filter(([key, value]) => have.get(key) !== value).map(([key, value]) => ({ key, value })),
    deletes: [...have.keys()].filter((key) => !want.has(key) && EDGE_PREFIXES.some((p) => key.startsWith(p))),
  };
}
