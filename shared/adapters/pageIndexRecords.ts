import type { IndexedPage, PageIndexChanges } from '../ports/pageIndex';

/**
 * A page as the page index stores it (efsPageIndex.ts), in segment files and in head.json's
 * pending changes: short keys, because a 10,000-page base segment holds one per page. `x: 1`
 * removes the key instead.
 */
export interface MetaRecord {
  readonly k: string;
  readonly x?: 1;
  readonly p?: string;
  readonly t?: string;
  readonly h?: readonly (readonly [number, string, string])[];
  readonly s?: number;
  readonly b?: string;
  readonly u?: string;
}

export interface Segment {
  readonly meta: readonly MetaRecord[];
  /** Parallel to meta (null for removals); undefined when read without texts. */
  readonly texts?: readonly (string | null)[];
}

/**
 * Changes newer than the last segment, kept in head.json itself (records in order, first = the
 * sequence number of the oldest): a save rewrites the head it has to rewrite anyway, rather than
 * creating a segment file too. They become a segment once they pass PENDING_LIMIT.
 */
export interface PendingChanges extends Required<Segment> {
  readonly first: number;
}

/** Past either, pending changes go to a segment file: head.json stays small for every reader. */
export const PENDING_LIMIT = { records: 32, bytes: 64 * 1024 };

/**
 * `pending` followed by `records`, one record per key (the newest: applying them in order gives
 * the same pages as applying every change), or undefined when that is over PENDING_LIMIT.
 */
export function withPending(pending: PendingChanges | undefined, records: Required<Segment>, seq: number): PendingChanges | undefined {
  const byKey = new Map<string, { meta: MetaRecord; text: string | null }>();
  const add = (segment: Required<Segment>) => segment.meta.forEach((meta, i) => {
    byKey.delete(meta.k); // re-inserted last: the map keeps the order the changes came in
    byKey.set(meta.k, { meta, text: segment.texts[i] ?? null });
  });
  if (pending) add(pending);
  add(records);
  if (byKey.size > PENDING_LIMIT.records) return undefined;
  const values = [...byKey.values()];
  const combined = { first: pending?.first ?? seq, meta: values.map((v) => v.meta), texts: values.map((v) => v.text) };
  return JSON.stringify(combined).length > PENDING_LIMIT.bytes ? undefined : combined;
}

export function recordOf(page: IndexedPage): MetaRecord {
  return {
    k: page.key, p: page.path, t: page.title, h: page.headings.map((h) => [h.level, h.text, h.anchor] as const),
    s: page.size, b: page.blob, u: page.updated,
  };
}

export function pageOf(record: MetaRecord): IndexedPage {
  return {
    key: record.k, path: record.p ?? record.k, title: record.t ?? record.k,
    headings: (record.h ?? []).map(([level, text, anchor]) => ({ level, text, anchor })),
    size: record.s ?? 0, blob: record.b ?? '', updated: record.u ?? '',
  };
}

export function recordsOf(changes: PageIndexChanges | undefined): Required<Segment> {
  const meta: MetaRecord[] = [];
  const texts: (string | null)[] = [];
  const upserted = new Set<string>();
  for (const page of changes?.upsert ?? []) {
    const { markdown, ...indexed } = page;
    meta.push(recordOf(indexed));
    texts.push(markdown);
    upserted.add(page.key);
  }
  for (const key of changes?.remove ?? []) {
    if (upserted.has(key)) continue;
    meta.push({ k: key, x: 1 });
    texts.push(null);
  }
  return { meta, texts };
}

