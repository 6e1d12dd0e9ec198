import type { WikiId } from '../core/slugs';
import type { LogEntry } from './wikiHistory';

/** One commit of the first-parent chain as the index keeps it. */
export interface IndexedCommit extends LogEntry {
  /** The first parent (the previous commit of the chain); absent for the root. */
  readonly parent?: string;
}

/** A commit's place in the chain: 0 is the root, each commit's first parent is the one before. */
export interface IndexedRef {
  readonly revision: string;
  readonly seq: number;
}

/**
 * History of one wiki's branch kept at commit time, so history views read what they return
 * instead of walking git: per commit its changed files (against its first parent), per path the
 * commits that changed it. Positions (`seq`) count from the root along first parents.
 *
 * Lookups by id or path may name commits that a crash or a reset left behind: they are checked
 * against the commit records before they are returned, so they are never wrong, only missing.
 */
export interface CommitIndex {
  /** The newest indexed commit; undefined when there is no index yet. */
  head(): Promise<IndexedRef | undefined>;
  /**
   * Appends `commits` (oldest first) under the index's lock when its head is still `base`
   * (undefined: the index is empty or is to be replaced whole). With `replace`, whatever the index
   * holds is dropped first. Returns false, changing nothing, when the head moved meanwhile.
   */
  append(base: string | undefined, commits: readonly IndexedCommit[], options?: { replace?: boolean }): Promise<boolean>;
  /** Indexed commits whose id starts with `prefix` (4–40 lowercase hex digits). */
  find(prefix: string): Promise<IndexedRef[]>;
  /** The commits at `seqs`, in that order. */
  read(seqs: readonly number[]): Promise<IndexedCommit[]>;
  /**
   * Positions ≤ `atOrBefore` of commits that changed the file `path` or anything under the folder
   * `path`, newest first (candidates: the caller checks each commit's files).
   */
  touching(path: string, atOrBefore: number): Promise<number[]>;
}

export interface CommitIndexProvider {
  open(id: WikiId): CommitIndex;
}
