import type { WikiId } from '../core/slugs';

export interface CommitAuthor {
  readonly name: string;
  readonly email: string;
}

export interface FileChange {
  readonly path: string;
  /** New content, or null to delete the file. */
  readonly content: Uint8Array | null;
}

/** A file's blob id (null: no such file) that the tree a commit builds on must still have. */
export interface FileExpectation {
  readonly path: string;
  readonly blob: string | null;
}

export interface CommitRequest {
  readonly changes: readonly FileChange[];
  readonly message: string;
  readonly author: CommitAuthor;
  /**
   * Checked against the head each attempt builds on, under the same ref lock: when a file no
   * longer has the expected blob, the commit throws StaleRevisionError (409) instead of landing.
   */
  readonly expect?: readonly FileExpectation[];
  /**
   * The commit is made ready while this is pending (its objects and the new id written and
   * synced under the ref lock) and lands only once it fulfils: a save overlaps its disk work with
   * its access check. When it rejects, nothing reaches a name anyone reads and its reason is thrown.
   */
  readonly landsAfter?: Promise<unknown>;
}

export interface CommitResult {
  /** The commit now at the branch head (the old head when nothing changed). */
  readonly revision: string;
  /** False when the changes left the tree as it was, so no commit was made. */
  readonly changed: boolean;
  /** The new commit's author date (ISO 8601, UTC, whole seconds), when one was made. */
  readonly date?: string;
}

export interface RepoFile {
  readonly content: Uint8Array;
  /** Git blob id of the content. */
  readonly blob: string;
}

/** A file of a revision's tree with its blob id, without its content. */
export interface RepoBlob {
  readonly path: string;
  readonly blob: string;
}

/** One wiki's git repository: a bare repo on EFS, written without index or work tree. */
export interface WikiRepo {
  exists(): Promise<boolean>;
  /** Creates the repository with a first commit; throws ConflictError if it already exists. */
  create(initial: CommitRequest): Promise<CommitResult>;
  head(): Promise<string>;
  readFile(path: string, revision?: string): Promise<RepoFile | undefined>;
  /** The blob id of a file (default: at head), without reading its content; undefined when absent. */
  blobOf(path: string, revision?: string): Promise<string | undefined>;
  listFiles(revision?: string): Promise<string[]>;
  /** The content of a blob by id (from listBlobs), without walking a tree. */
  readBlob(blob: string): Promise<Uint8Array>;
  /** Every file of the revision (default: head) with its blob id, sorted by path; reads no contents. */
  listBlobs(revision?: string): Promise<RepoBlob[]>;
  /** Commits on top of whatever the head is when the ref lock is taken; never loses a racing commit. */
  commit(request: CommitRequest): Promise<CommitResult>;
}

export interface WikiRepoProvider {
  open(id: WikiId): WikiRepo;
}
