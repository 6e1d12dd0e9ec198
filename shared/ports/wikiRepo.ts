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

export interface CommitRequest {
  readonly changes: readonly FileChange[];
  readonly message: string;
  readonly author: CommitAuthor;
}

export interface CommitResult {
  /** The commit now at the branch head (the old head when nothing changed). */
  readonly revision: string;
  /** False when the changes left the tree as it was, so no commit was made. */
  readonly changed: boolean;
}

export interface RepoFile {
  readonly content: Uint8Array;
  /** Git blob id of the content. */
  readonly blob: string;
}

/** One wiki's git repository: a bare repo on EFS, written without index or work tree. */
export interface WikiRepo {
  exists(): Promise<boolean>;
  /** Creates the repository with a first commit; throws ConflictError if it already exists. */
  create(initial: CommitRequest): Promise<CommitResult>;
  head(): Promise<string>;
  readFile(path: string, revision?: string): Promise<RepoFile | undefined>;
  listFiles(revision?: string): Promise<string[]>;
  /** Commits on top of whatever the head is when the ref lock is taken; never loses a racing commit. */
  commit(request: CommitRequest): Promise<CommitResult>;
}

export interface WikiRepoProvider {
  open(id: WikiId): WikiRepo;
}
