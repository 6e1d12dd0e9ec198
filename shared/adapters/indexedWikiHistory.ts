import { loadGit } from './git/loadGit';
import type * as NodeFs from 'node:fs';
import type { WikiId } from '../core/slugs';
import type { CommitIndex, CommitIndexProvider, IndexedCommit, IndexedRef } from '../ports/commitIndex';
import type { CommitInfo, LogEntry, LogPage, LogQuery, WikiHistory } from '../ports/wikiHistory';
import { chainSince } from './git/firstParentChain';
import { nativeTreeReader } from './git/nativeObjects';
import { packCache } from './git/packCache';
import { readHead, readRef } from './git/refLock';
import { GitWikiHistory } from './gitWikiHistory';
import { wikiDir } from './gitWikiRepo';


const SHORT_OID = /^[0-9a-f]{4,40}$/;
/** A request catches up at most this many foreign commits itself; more is reconcile's job (backfill). */
const REQUEST_CATCH_UP = 500;
/** Beyond this many paths, lastChanges reads the history once instead of one lookup per path. */
const PER_PATH_LOOKUPS = 32;
const SCAN_BATCH = 512;

export interface IndexedHistoryOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount: repositories live at `wikis/{user}/{wiki}/repo.git`. */
  readonly root: string;
  readonly indexes: CommitIndexProvider;
}

export interface SyncOptions {
  /** At most this many commits to walk, else ChainTooLongError (requests leave big jobs to reconcile). */
  readonly limit?: number;
  /** Also check the newest record reads back (reconcile), and rebuild the index whole if not. */
  readonly verify?: boolean;
}

export interface IndexedHistoryProvider {
  open(id: WikiId): IndexedWikiHistory;
}

export function indexedHistoryProvider(options: IndexedHistoryOptions): IndexedHistoryProvider {
  return {
    open: (id) => {
      const gitdir = `${wikiDir(options.root, id)}/repo.git`;
      return new IndexedWikiHistory(options.fs, gitdir, options.indexes.open(id), new GitWikiHistory(options.fs, gitdir));
    },
  };
}

/**
 * WikiHistory read from the commit index: each answer reads the commits it returns (and, for a
 * path, the path's list of commits), whatever the size of the history. Before answering, the
 * index is brought to the branch head: a commit made elsewhere (a push, the git CLI) is indexed
 * when first seen, walking only from the indexed head to the new one. When the index cannot
 * answer (none yet and too much to walk in a request, a revision off the first-parent chain, a
 * damaged file), the git walk answers instead: slower, never wrong.
 */
export class IndexedWikiHistory implements WikiHistory {
  constructor(
    private readonly fs: typeof NodeFs,
    private readonly gitdir: string,
    private readonly index: CommitIndex,
    private readonly walk: WikiHistory,
  ) {}

  /**
   * Indexes what the branch gained since the indexed head, or the whole chain when there is no
   * index or the history was rewritten. More than `limit` commits to walk: ChainTooLongError
   * (requests leave big jobs to import, backfill and reconcile). Undefined for a repository
   * without commits. Safe to run concurrently: the index's lock and head check order the appends.
   */
  async sync({ limit = Infinity, verify = false }: SyncOptions = {}): Promise<IndexedRef | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const head = await this.branchHead();
      if (!head) return undefined;
      let damaged = false;
      const indexed = await this.index.head().catch(() => void (damaged = true)); // rebuilt whole below
      if (indexed && verify && !(await this.readable(indexed))) damaged = true;
      if (indexed?.revision === head && !damaged) return indexed;
      const reader = nativeTreeReader(this.fs, this.gitdir, loadGit, packCache(this.gitdir));
      const base = damaged ? undefined : indexed;
      const { commits, continues } = await chainSince(reader, head, base?.revision, limit);
      if (await this.index.append(indexed?.revision, commits, { replace: damaged || !continues })) {
        return { revision: head, seq: (continues && base ? base.seq : -1) + commits.length };
      }
    }
    return undefined; // others keep moving the index; answer from git this time
  }

  /**
   * After a commit the caller just made: when it sits right on top of the index, one locked
   * append (its objects come from the parsed-object cache the commit filled); otherwise (others
   * indexed past it, or commits came in between) catching up as sync() does.
   */
  async record(revision: string, { limit = Infinity }: { limit?: number } = {}): Promise<void> {
    const reader = nativeTreeReader(this.fs, this.gitdir, loadGit, packCache(this.gitdir));
    const { commit } = await reader.git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid: revision, cache: reader.cache });
    const parent = commit.parent[0];
    if (parent) {
      const { commits } = await chainSince(reader, revision, parent, 1);
      if (await this.index.append(parent, commits)) return;
    }
    await this.sync({ limit });
  }

  async resolveRevision(revision: string): Promise<string | undefined> {
    const rev = revision.toLowerCase();
    if (!SHORT_OID.test(rev)) return undefined;
    const hits = await this.indexed(async () => this.index.find(rev));
    if (hits && hits.length === 1) return hits[0]!.revision;
    if (hits && hits.length > 1) return undefined; // ambiguous
    return this.walk.resolveRevision(rev); // not on the chain (or no index): git knows
  }

  async log(query: LogQuery): Promise<LogPage> {
    const page = await this.indexed(async (head) => {
      const start = query.from === undefined ? head : await this.locate(query.from);
      if (!start) return undefined;
      if (query.limit <= 0) return { entries: [], next: start.revision };
      return query.path === undefined ? this.changelog(start, query.limit) : this.pathLog(start, query.path, query.limit);
    });
    return page ?? this.walk.log(query);
  }

  async lastChanges(paths: readonly string[], revision?: string): Promise<Map<string, CommitInfo>> {
    const found = await this.indexed(async (head) => {
      const at = revision === undefined ? head : await this.locate(revision);
      if (!at) return undefined;
      return paths.length <= PER_PATH_LOOKUPS ? this.lastChangesByPath(paths, at) : this.lastChangesByScan(paths, at);
    });
    return found ?? this.walk.lastChanges(paths, revision);
  }

  /** Runs `read` on a current index; undefined (the walk answers) when there is none or it fails. */
  private async indexed<T>(read: (head: IndexedRef) => Promise<T | undefined>): Promise<T | undefined> {
    try {
      const head = await this.sync({ limit: REQUEST_CATCH_UP });
      return head ? await read(head) : undefined;
    } catch {
      // Too much to index in a request (ChainTooLongError: reconcile's job), or a damaged or
      // half-replaced index: git is the source of truth.
      return undefined;
    }
  }

  /** The newest commit's line reads back as that commit (reconcile's check for a damaged index). */
  private async readable(head: IndexedRef): Promise<boolean> {
    try {
      return (await this.index.read([head.seq]))[0]!.revision === head.revision;
    } catch {
      return false;
    }
  }

  private async locate(revision: string): Promise<IndexedRef | undefined> {
    const hits = await this.index.find(revision.toLowerCase());
    return hits.find((h) => h.revision === revision.toLowerCase());
  }

  private async changelog(start: IndexedRef, limit: number): Promise<LogPage> {
    const entries: LogEntry[] = [];
    let last: IndexedCommit | undefined;
    for (let seq = start.seq; seq >= 0 && entries.length < limit;) {
      const batch = range(seq, Math.min(seq + 1, limit - entries.length));
      for (const [i, commit] of (await this.index.read(batch)).entries()) {
        // As the walk: a commit that changed nothing is left out, except the root.
        if (entries.length >= limit || (commit.files.length === 0 && batch[i] !== 0)) continue;
        entries.push(entryOf(commit, commit.files));
        last = commit;
      }
      seq -= batch.length;
    }
    return pageOf(entries, limit, last);
  }

  private async pathLog(start: IndexedRef, path: string, limit: number): Promise<LogPage> {
    const candidates = await this.index.touching(path, start.seq);
    const entries: LogEntry[] = [];
    let last: IndexedCommit | undefined;
    for (let i = 0; i < candidates.length && entries.length < limit; i += limit) {
      for (const commit of await this.index.read(candidates.slice(i, i + limit))) {
        const files = commit.files.filter((f) => f === path || f.startsWith(`${path}/`));
        if (entries.length >= limit || files.length === 0) continue;
        entries.push(entryOf(commit, files));
        last = commit;
      }
    }
    return pageOf(entries, limit, last);
  }

  private async lastChangesByPath(paths: readonly string[], at: IndexedRef): Promise<Map<string, CommitInfo>> {
    const found = new Map<string, CommitInfo>();
    await Promise.all([...new Set(paths)].map(async (path) => {
      for (const seq of await this.index.touching(path, at.seq)) {
        const [commit] = await this.index.read([seq]);
        if (commit!.files.includes(path)) return void found.set(path, infoOf(commit!));
      }
    }));
    return new Map(paths.filter((p) => found.has(p)).map((p) => [p, found.get(p)!]));
  }

  private async lastChangesByScan(paths: readonly string[], at: IndexedRef): Promise<Map<string, CommitInfo>> {
    const pending = new Set(paths);
    const found = new Map<string, CommitInfo>();
    for (let seq = at.seq; seq >= 0 && pending.size > 0; seq -= SCAN_BATCH) {
      for (const commit of await this.index.read(range(seq, Math.min(seq + 1, SCAN_BATCH)))) {
        for (const file of commit.files) if (pending.delete(file)) found.set(file, infoOf(commit));
      }
    }
    return found;
  }

  /** The commit the branch names: HEAD's branch (loose or packed), or a detached HEAD's id. */
  private async branchHead(): Promise<string | undefined> {
    const head = await readHead(this.fs, this.gitdir);
    const branch = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (branch) return readRef(this.fs, this.gitdir, branch);
    return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
  }
}

/** `count` positions from `seq` down. */
const range = (seq: number, count: number) => Array.from({ length: count }, (_, i) => seq - i);

/** As the walk: the next page starts at the parent of the last entry, when there is one. */
function pageOf(entries: LogEntry[], limit: number, last: IndexedCommit | undefined): LogPage {
  return entries.length >= limit && last?.parent ? { entries, next: last.parent } : { entries };
}

const infoOf = (c: IndexedCommit): CommitInfo => ({ revision: c.revision, author: c.author, date: c.date, message: c.message });
const entryOf = (c: IndexedCommit, files: readonly string[]): LogEntry => ({ ...infoOf(c), files });
