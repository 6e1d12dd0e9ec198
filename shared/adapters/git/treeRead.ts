import type * as NodeFs from 'node:fs';
import type { TreeEntry } from 'isomorphic-git';
import { StaleRevisionError } from '../../core/errors';

type Git = typeof import('isomorphic-git');

export interface TreeReader {
  readonly git: Git;
  readonly fs: typeof NodeFs;
  readonly gitdir: string;
  /** isomorphic-git's pack cache, shared by one operation's reads. */
  readonly cache: object;
}

/** The entries of a tree (none for undefined). */
export async function treeEntries(r: TreeReader, tree: string | undefined): Promise<TreeEntry[]> {
  if (!tree) return [];
  return (await r.git.readTree({ fs: r.fs, gitdir: r.gitdir, oid: tree, cache: r.cache })).tree;
}

/** The object id at `path` in a tree (a blob, or a tree for a folder), or undefined when absent. */
export async function entryAt(r: TreeReader, tree: string | undefined, path: string): Promise<TreeEntry | undefined> {
  let current = tree;
  let found: TreeEntry | undefined;
  for (const part of path.split('/')) {
    if (!current) return undefined;
    found = (await treeEntries(r, current)).find((e) => e.path === part);
    if (!found) return undefined;
    current = found.type === 'tree' ? found.oid : undefined;
  }
  return found;
}

/** The blob id of the file at `path`, or null when there is no file there. */
export async function blobAt(r: TreeReader, tree: string | undefined, path: string): Promise<string | null> {
  const entry = await entryAt(r, tree, path);
  return entry?.type === 'blob' ? entry.oid : null;
}

/**
 * Paths of the files that differ between two trees (added, changed or removed), sorted. Only
 * subtrees whose ids differ are read, so the cost follows the size of the change.
 */
export async function diffTrees(r: TreeReader, a: string | undefined, b: string | undefined, prefix = ''): Promise<string[]> {
  if (a === b) return [];
  const [left, right] = await Promise.all([treeEntries(r, a), treeEntries(r, b)]);
  const names = new Set([...left.map((e) => e.path), ...right.map((e) => e.path)]);
  const out: string[] = [];
  for (const name of [...names].sort()) {
    const x = left.find((e) => e.path === name);
    const y = right.find((e) => e.path === name);
    if (x?.oid === y?.oid && x?.type === y?.type) continue;
    const path = `${prefix}${name}`;
    const xTree = x?.type === 'tree' ? x.oid : undefined;
    const yTree = y?.type === 'tree' ? y.oid : undefined;
    if ((x && x.type !== 'tree') || (y && y.type !== 'tree')) out.push(path);
    if (xTree || yTree) out.push(...(await diffTrees(r, xTree, yTree, `${path}/`)));
  }
  return prefix === '' ? out.sort() : out;
}

/** Throws StaleRevisionError when a file of `tree` (the tree of `head`) is not the expected blob. */
export async function checkExpectations(
  r: TreeReader,
  tree: string,
  head: string,
  expected: readonly { path: string; blob: string | null }[],
): Promise<void> {
  for (const { path, blob } of expected) {
    if ((await blobAt(r, tree, path)) !== blob) {
      throw new StaleRevisionError(`${path} changed since the revision this write is based on; reload it and retry.`, {
        currentRevision: head,
        path,
      });
    }
  }
}
