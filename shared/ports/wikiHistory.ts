import type { WikiId } from '../core/slugs';
import type { CommitAuthor } from './wikiRepo';

export interface CommitInfo {
  readonly revision: string;
  readonly author: CommitAuthor;
  /** Author date, ISO 8601 in UTC. */
  readonly date: string;
  readonly message: string;
}

export interface LogEntry extends CommitInfo {
  /** Files the commit added, changed or removed against its first parent (under `path` when filtered). */
  readonly files: readonly string[];
}

export interface LogQuery {
  /** First commit to consider (inclusive); default the head. */
  readonly from?: string;
  /** Only commits that changed this file, or anything under this folder. */
  readonly path?: string;
  readonly limit: number;
}

export interface LogPage {
  readonly entries: readonly LogEntry[];
  /** Where the next page starts (pass as `from`); absent at the end of history. */
  readonly next?: string;
}

/**
 * Read-only history of one wiki's repository: changelog, page history, last changes. Separate
 * from WikiRepo, which stays the small write-path port. History follows first parents, newest
 * first (what Otter Wiki shows for its linear repositories).
 */
export interface WikiHistory {
  /** A full or abbreviated (≥ 4 hex digits) commit id → the full id; undefined when no such commit. */
  resolveRevision(revision: string): Promise<string | undefined>;
  log(query: LogQuery): Promise<LogPage>;
  /** The last commit (at or before `revision`, default head) that changed each file. */
  lastChanges(paths: readonly string[], revision?: string): Promise<Map<string, CommitInfo>>;
}

export interface WikiHistoryProvider {
  open(id: WikiId): WikiHistory;
}
