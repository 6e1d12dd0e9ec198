import type * as NodeFs from 'node:fs';
import type { TreeEntry } from 'isomorphic-git';
import { InvalidInputError } from '../../core/errors';
import { inGitOrder, orderedTreeBody, writeLooseObject } from './looseObjects';
import { parsedObjects } from './parsedObjects';

type Git = typeof import('isomorphic-git');

/**
 * Returns the id of `treeOid` with the file at `parts` set to `blob` (or removed when null),
 * rewriting only the trees along that path. Empty folders disappear, as in git.
 */
export async function setPath(
  git: Git,
  fs: typeof NodeFs,
  gitdir: string,
  treeOid: string | undefined,
  parts: readonly string[],
  blob: string | null,
  cache: object = {},
): Promise<string | undefined> {
  const entries: TreeEntry[] = treeOid ? (await git.readTree({ fs, gitdir, oid: treeOid, cache })).tree : [];
  const [name, ...rest] = parts;
  if (name === undefined) throw new InvalidInputError('Empty file path.');
  const index = entries.findIndex((e) => e.path === name);
  const existing = index >= 0 ? entries[index] : undefined;
  if (index >= 0) entries.splice(index, 1);
  if (rest.length === 0) {
    if (existing?.type === 'tree' && blob) {
      throw new InvalidInputError(`"${name}" is a folder, not a file.`);
    }
    if (existing?.type === 'blob' && existing.oid === blob) return treeOid; // unchanged: nothing to write
    if (blob) entries.push({ mode: '100644', path: name, oid: blob, type: 'blob' });
  } else {
    if (existing && existing.type !== 'tree') {
      if (blob) throw new InvalidInputError(`"${name}" is a file, so it cannot hold other files.`);
      entries.push(existing);
      return writeOrDrop(fs, gitdir, entries);
    }
    const child = await setPath(git, fs, gitdir, existing?.oid, rest, blob, cache);
    if (existing && child === existing.oid) return treeOid;
    if (child) entries.push({ mode: '040000', path: name, oid: child, type: 'tree' });
  }
  return writeOrDrop(fs, gitdir, entries);
}

async function writeOrDrop(fs: typeof NodeFs, gitdir: string, entries: TreeEntry[]) {
  if (entries.length === 0) return undefined;
  const sorted = inGitOrder(entries);
  const oid = await writeLooseObject(fs, gitdir, 'tree', orderedTreeBody(sorted), { probe: false });
  // The history index diffs it next; kept as a tree read back would be (git's order, 6-digit modes).
  parsedObjects.keepTree(gitdir, oid, sorted.map((e) => ({ ...e, mode: e.mode.padStart(6, '0') })));
  return oid;
}
