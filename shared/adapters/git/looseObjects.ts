import { createHash } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { TreeEntry } from 'isomorphic-git';

/**
 * Git's blob, tree and commit objects, written as loose objects with Node's own SHA-1 and zlib:
 * the same bytes isomorphic-git writes (same ids), several times cheaper than its JavaScript
 * hashing and deflating, which a save felt (~7 ms of it on this machine). Writes go through the
 * given fs, in practice a commit's objectBatch.
 */
export async function writeLooseObject(
  fs: typeof NodeFs, gitdir: string, type: 'blob' | 'tree' | 'commit', body: Uint8Array, { probe = true } = {},
): Promise<string> {
  const content = Buffer.concat([Buffer.from(`${type} ${body.length}\0`, 'latin1'), body]);
  const oid = createHash('sha1').update(content).digest('hex');
  const dir = `${gitdir}/objects/${oid.slice(0, 2)}`;
  const path = `${dir}/${oid.slice(2)}`;
  // probe: false for objects that are almost surely new (a commit, the trees above a change):
  // writing one again costs less than asking every time, and puts the same bytes in place.
  if (probe) {
    try {
      await fs.promises.stat(path);
      return oid; // already there: objects never change
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  // Level 1: a save's objects are small and short-lived as loose files (a repack recompresses
  // them); git reads any level, and the default level costs a save about three times the CPU.
  const data = deflateSync(content, { level: 1 });
  try {
    await fs.promises.writeFile(path, data);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(path, data);
  }
  return oid;
}

/** A tree's body: entries in git's order (byte order, folders as if their name ended in `/`), modes without a leading 0. */
export function treeBody(entries: readonly TreeEntry[]): Buffer {
  return orderedTreeBody(inGitOrder(entries));
}

/** treeBody of entries already in git's order (inGitOrder). */
export function orderedTreeBody(sorted: readonly TreeEntry[]): Buffer {
  return Buffer.concat(sorted.flatMap((e) => [Buffer.from(`${e.mode.replace(/^0/, '')} ${e.path}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]));
}

/** Entries as git orders a tree: by the bytes of their names, a folder's as if it ended in `/`. */
export function inGitOrder(entries: readonly TreeEntry[]): TreeEntry[] {
  const sortKey = (e: TreeEntry) => Buffer.from(e.mode === '040000' ? `${e.path}/` : e.path, 'utf8');
  return entries.map((e) => ({ e, key: sortKey(e) })).sort((a, b) => Buffer.compare(a.key, b.key)).map(({ e }) => e);
}

export interface CommitObject {
  readonly tree: string;
  readonly parent: readonly string[];
  readonly author: { readonly name: string; readonly email: string; readonly timestamp: number };
  readonly message: string;
}

/** A commit's body, author = committer in UTC, the message normalised as git (and isomorphic-git) do. */
export function commitBody(commit: CommitObject): Buffer {
  const who = `${commit.author.name} <${commit.author.email}> ${commit.author.timestamp} +0000`;
  const message = `${commit.message.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '')}\n`;
  const headers = [`tree ${commit.tree}`, ...commit.parent.map((p) => `parent ${p}`), `author ${who}`, `committer ${who}`].join('\n');
  return Buffer.from(`${headers}\n\n${message}`, 'utf8');
}
