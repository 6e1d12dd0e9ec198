import type * as NodeFs from 'node:fs';
import type { ReadCommitResult } from 'isomorphic-git';
import type { CommitInfo, LogEntry, WikiHistory, WikiHistoryProvider } from '../ports/wikiHistory';
import { commitInfo as info } from './git/firstParentChain';
import { packCache } from './git/packCache';
import { diffTrees, entryAt, type TreeReader } from './git/treeRead';
import { wikiDir } from './gitWikiRepo';

import { loadGit, type Git } from './git/loadGit';

const FULL_OID = /^[0-9a-f]{40}$/;
const SHORT_OID = /^[0-9a-f]{4,40}$/;

export interface GitHistoryOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount: repositories live at `wikis/{user}/{wiki}/repo.git`. */
  readonly root: string;
}

export function gitHistoryProvider(options: GitHistoryOptions): WikiHistoryProvider {
  return { open: (id) => new GitWikiHistory(options.fs, `${wikiDir(options.root, id)}/repo.git`) };
}

/** WikiHistory on a bare repository, read with isomorphic-git (loaded on first use). */
export class GitWikiHistory implements WikiHistory {
  constructor(
    private readonly fs: typeof NodeFs,
    private readonly gitdir: string,
  ) {}

  private async reader(): Promise<TreeReader> {
    return { git: await loadGit(), fs: this.fs, gitdir: this.gitdir, cache: packCache(this.gitdir) };
  }

  async resolveRevision(revision: string): Promise<string | undefined> {
    const r = await this.reader();
    const rev = revision.toLowerCase();
    if (!SHORT_OID.test(rev)) return undefined;
    try {
      const oid = FULL_OID.test(rev) ? rev : await r.git.expandOid({ fs: r.fs, gitdir: r.gitdir, oid: rev, cache: r.cache });
      await r.git.readCommit({ fs: r.fs, gitdir: r.gitdir, oid, cache: r.cache });
      return oid;
    } catch {
      return undefined; // unknown, ambiguous, or not a commit
    }
  }

  async log(query: { from?: string; path?: string; limit: number }) {
    const r = await this.reader();
    const entries: LogEntry[] = [];
    let next: string | undefined;
    for await (const { current, parentTree, parent } of walk(r, query.from ?? (await this.head(r)))) {
      if (entries.length >= query.limit) {
        next = current.oid;
        break;
      }
      const files = await changedFiles(r, parentTree, current.commit.tree, query.path);
      if (files.length > 0 || (!query.path && !parent)) entries.push({ ...info(current), files });
    }
    return next ? { entries, next } : { entries };
  }

  async lastChanges(paths: readonly string[], revision?: string): Promise<Map<string, CommitInfo>> {
    const r = await this.reader();
    const pending = new Set(paths);
    const found = new Map<string, CommitInfo>();
    if (pending.size === 0) return found;
    for await (const { current, parentTree } of walk(r, revision ?? (await this.head(r)))) {
      for (const file of await diffTrees(r, parentTree, current.commit.tree)) {
        if (pending.delete(file)) found.set(file, info(current));
      }
      if (pending.size === 0) break;
    }
    return found;
  }

  private async head(r: TreeReader): Promise<string> {
    return r.git.resolveRef({ fs: r.fs, gitdir: r.gitdir, ref: 'HEAD' });
  }
}

/** Commits from `start` along first parents, each with its parent's tree (read once). */
async function* walk(r: TreeReader, start: string) {
  let current: ReadCommitResult | undefined = await readCommit(r, start);
  while (current) {
    const parent: string | undefined = current.commit.parent[0];
    const parentCommit: ReadCommitResult | undefined = parent ? await readCommit(r, parent) : undefined;
    yield { current, parent, parentTree: parentCommit?.commit.tree };
    current = parentCommit;
  }
}

function readCommit(r: TreeReader, oid: string): Promise<ReadCommitResult> {
  return r.git.readCommit({ fs: r.fs, gitdir: r.gitdir, oid, cache: r.cache });
}

/** Files changed between two trees, only under `path` (a file or a folder) when given. */
async function changedFiles(r: TreeReader, before: string | undefined, after: string, path?: string): Promise<string[]> {
  if (!path) return diffTrees(r, before, after);
  const [a, b] = await Promise.all([entryAt(r, before, path), entryAt(r, after, path)]);
  if (a?.oid === b?.oid) return [];
  const out: string[] = [];
  if ((a && a.type !== 'tree') || (b && b.type !== 'tree')) out.push(path);
  const aTree = a?.type === 'tree' ? a.oid : undefined;
  const bTree = b?.type === 'tree' ? b.oid : undefined;
  if (aTree || bTree) out.push(...(await diffTrees(r, aTree, bTree, `${path}/`)));
  return out.sort();
}
