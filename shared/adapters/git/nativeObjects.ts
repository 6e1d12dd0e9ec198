import { createHash } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import type { ReadCommitResult, TreeEntry } from 'isomorphic-git';
import { inflateSync } from 'node:zlib';
import { sharedPackReader, type PackedObject } from './packReader';
import { parsedObjects } from './parsedObjects';
import type { TreeReader } from './treeRead';

type Git = typeof import('isomorphic-git');

/**
 * A loose or packed object read with Node's zlib, checked against its id; undefined when absent.
 * `packFs` reads the packs when `fs` serves only loose objects (a commit's objectBatch).
 */
export async function readObject(fs: typeof NodeFs, gitdir: string, oid: string, packFs = fs): Promise<PackedObject | undefined> {
  let raw: Buffer | undefined;
  try {
    raw = inflateSync(await fs.promises.readFile(`${gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!raw) return sharedPackReader(packFs, gitdir).read(oid);
  if (createHash('sha1').update(raw).digest('hex') !== oid) throw new Error(`Object ${oid} in ${gitdir} does not match its id.`);
  const space = raw.indexOf(0x20);
  const nul = raw.indexOf(0);
  return { type: raw.subarray(0, space).toString('latin1'), data: raw.subarray(nul + 1) };
}

/** A commit object's fields as isomorphic-git's readCommit gives them (those history uses). */
export function parseCommit(oid: string, data: Buffer): ReadCommitResult {
  const text = data.toString('utf8');
  const end = text.indexOf('\n\n');
  const headers = (end < 0 ? text : text.slice(0, end)).split('\n').filter((line) => !line.startsWith(' '));
  const value = (name: string) => headers.filter((h) => h.startsWith(`${name} `)).map((h) => h.slice(name.length + 1));
  const person = (line = '') => {
    const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
    if (!match) throw new Error(`Commit ${oid} has an unreadable signature.`);
    const tz = match[4]!;
    const offset = (tz[0] === '-' ? 1 : -1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3)));
    return { name: match[1]!, email: match[2]!, timestamp: Number(match[3]), timezoneOffset: offset || 0 };
  };
  const author = person(value('author')[0]);
  return {
    oid,
    commit: {
      tree: value('tree')[0]!,
      parent: value('parent'),
      author,
      committer: value('committer')[0] ? person(value('committer')[0]) : author,
      message: end < 0 ? '' : text.slice(end + 2),
    },
    payload: '',
  };
}

/** A tree object's entries as isomorphic-git's readTree gives them. */
export function parseTree(data: Buffer): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (let pos = 0; pos < data.length;) {
    const space = data.indexOf(0x20, pos);
    const nul = data.indexOf(0, space);
    const mode = data.subarray(pos, space).toString('latin1').padStart(6, '0');
    const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    out.push({ mode, path: data.subarray(space + 1, nul).toString('utf8'), oid: data.subarray(nul + 1, nul + 21).toString('hex'), type });
    pos = nul + 21;
  }
  return out;
}

/**
 * A TreeReader whose commits and trees are read natively (loose objects and packs, Node's zlib):
 * indexing one new commit reads ~6 objects, and isomorphic-git's per-object overhead (trying the
 * loose file, then each pack) was two thirds of a save's indexing. Whatever the native reader
 * cannot read (an object it does not find, an unusual pack) is read by isomorphic-git.
 */
export function nativeTreeReader(
  fs: typeof NodeFs, gitdir: string, loadGit: () => Promise<Git>, cache: object, packFs = fs,
): TreeReader {
  const native = async <T>(oid: string, type: string, parse: (data: Buffer) => T): Promise<T | undefined> => {
    try {
      const object = await readObject(fs, gitdir, oid, packFs);
      return object?.type === type ? parse(object.data) : undefined;
    } catch {
      return undefined; // damaged, unusual or unparsable: isomorphic-git decides
    }
  };
  const git = {
    readCommit: async (args: { oid: string }) => {
      const known = parsedObjects.commit(gitdir, args.oid);
      if (known) return known;
      const commit = (await native(args.oid, 'commit', (data) => parseCommit(args.oid, data)))
        ?? (await (await loadGit()).readCommit({ ...args, fs, gitdir, cache }));
      parsedObjects.keepCommit(gitdir, commit);
      return commit;
    },
    readTree: async (args: { oid: string }) => {
      const known = parsedObjects.tree(gitdir, args.oid);
      if (known) return { oid: args.oid, tree: known };
      const tree = (await native(args.oid, 'tree', parseTree)) ?? (await (await loadGit()).readTree({ ...args, fs, gitdir, cache })).tree;
      parsedObjects.keepTree(gitdir, args.oid, tree);
      return { oid: args.oid, tree };
    },
  };
  return { git: git as unknown as Git, fs, gitdir, cache };
}
