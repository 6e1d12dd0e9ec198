import type { WikiId } from '../core/slugs';

/** A tree entry as git stores it: mode (`100644`, `40000`…), name, object id. */
export interface GitTreeEntry {
  readonly mode: string;
  readonly path: string;
  readonly oid: string;
  readonly type: 'blob' | 'tree' | 'commit';
}

export interface GitCommitInfo {
  readonly tree: string;
  readonly parents: readonly string[];
}

/**
 * A wiki's repository as git's wire protocol needs it (clone, fetch, push over smart HTTP):
 * object reads, packs in and out, and the branch moved under the same ref lock as every save.
 */
export interface GitTransport {
  /** The branch HEAD names (`refs/heads/main`) and its commit, if any. */
  branch(): Promise<{ readonly ref: string; readonly oid: string | undefined }>;
  hasObject(oid: string): Promise<boolean>;
  commit(oid: string): Promise<GitCommitInfo>;
  tree(oid: string): Promise<readonly GitTreeEntry[]>;
  /** A blob's size in bytes, without keeping its content. */
  blobSize(oid: string): Promise<number>;
  /** A pack file holding exactly `oids`. */
  pack(oids: readonly string[]): Promise<Uint8Array>;
  /** Checks and stores every object of a received pack (as loose objects); their ids. */
  unpack(pack: Uint8Array): Promise<string[]>;
  /** Moves the branch from `expected` to `next` if nobody moved it meanwhile (the saves' ref lock). */
  moveBranch(expected: string | undefined, next: string): Promise<boolean>;
}

export interface GitTransportProvider {
  open(id: WikiId): GitTransport;
}
