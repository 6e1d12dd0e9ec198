import type { ReadCommitResult, TreeEntry } from 'isomorphic-git';

/** Parsed commits and trees a warm instance keeps, over all its repositories. */
const KEPT = 4096;

type Parsed = { readonly kind: 'commit'; readonly value: ReadCommitResult } | { readonly kind: 'tree'; readonly value: readonly TreeEntry[] };

const kept = new Map<string, Parsed>();
const keyOf = (gitdir: string, oid: string) => `${gitdir}\0${oid}`;

/**
 * Commits and trees by id, per repository: an object never changes once written, so what one
 * step of a save parsed (the existence check, the commit, the history index, the page index)
 * the next one need not read, inflate and hash again. Least recently used go first. Keyed by
 * repository as well as id, so one repository never sees an object only another one holds.
 */
export const parsedObjects = {
  commit(gitdir: string, oid: string): ReadCommitResult | undefined {
    const hit = touch(gitdir, oid);
    return hit?.kind === 'commit' ? hit.value : undefined;
  },
  /** A copy: callers edit the list they get (treeEdit.ts). */
  tree(gitdir: string, oid: string): TreeEntry[] | undefined {
    const hit = touch(gitdir, oid);
    return hit?.kind === 'tree' ? hit.value.slice() : undefined;
  },
  keepCommit(gitdir: string, value: ReadCommitResult): void {
    keep(gitdir, value.oid, { kind: 'commit', value });
  },
  keepTree(gitdir: string, oid: string, entries: readonly TreeEntry[]): void {
    keep(gitdir, oid, { kind: 'tree', value: entries.slice() });
  },
};

function touch(gitdir: string, oid: string): Parsed | undefined {
  const key = keyOf(gitdir, oid);
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
  }
  return hit;
}

function keep(gitdir: string, oid: string, parsed: Parsed): void {
  const key = keyOf(gitdir, oid);
  kept.delete(key);
  kept.set(key, parsed);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
}
