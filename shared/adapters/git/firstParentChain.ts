import type { ReadCommitResult } from 'isomorphic-git';
import type { IndexedCommit } from '../../ports/commitIndex';
import { diffTrees, type TreeReader } from './treeRead';

export interface ChainSince {
  /** The commits after `stop` up to the head, oldest first; the whole chain when `stop` was not met. */
  readonly commits: IndexedCommit[];
  /** True when the walk met `stop`: the commits continue it. */
  readonly continues: boolean;
}

/** Thrown when more than `limit` commits would have to be walked. */
export class ChainTooLongError extends Error {}

/**
 * Walks first parents from `head` back to `stop` (an indexed head), each commit with the files it
 * changed against its first parent: what the history index appends after a commit, a push or an
 * import. Costs what was added since `stop`; only a rewritten history is walked to its root.
 */
export async function chainSince(r: TreeReader, head: string, stop: string | undefined, limit = Infinity): Promise<ChainSince> {
  const out: IndexedCommit[] = [];
  let current: ReadCommitResult | undefined = await readCommit(r, head);
  while (current) {
    if (current.oid === stop) return { commits: out.reverse(), continues: true };
    if (out.length >= limit) throw new ChainTooLongError(`More than ${limit} commits to index.`);
    const parent: string | undefined = current.commit.parent[0];
    const parentCommit: ReadCommitResult | undefined = parent ? await readCommit(r, parent) : undefined;
    out.push({
      ...commitInfo(current),
      ...(parent ? { parent } : {}),
      files: await diffTrees(r, parentCommit?.commit.tree, current.commit.tree),
    });
    current = parentCommit;
  }
  return { commits: out.reverse(), continues: stop === undefined };
}

function readCommit(r: TreeReader, oid: string): Promise<ReadCommitResult> {
  return r.git.readCommit({ fs: r.fs, gitdir: r.gitdir, oid, cache: r.cache });
}

/** A commit as history shows it (the same fields GitWikiHistory reports). */
export function commitInfo({ oid, commit }: ReadCommitResult) {
  return {
    revision: oid,
    author: { name: commit.author.name, email: commit.author.email },
    date: new Date(commit.author.timestamp * 1000).toISOString(),
    message: commit.message.replace(/\n+$/, ''),
  };
}
