import { createHash } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import { inflateSync } from 'node:zlib';
import { ConflictError } from '../core/errors';
import type { WikiId } from '../core/slugs';
import type { Clock } from '../ports/clock';
import type {
  CommitRequest, CommitResult, RepoBlob, RepoFile, WikiRepo, WikiRepoProvider,
} from '../ports/wikiRepo';
import { packCache } from './git/packCache';
import { sharedPackReader } from './git/packReader';
import { nativeTreeReader, parseCommit } from './git/nativeObjects';
import { parsedObjects } from './git/parsedObjects';
import { compareAndSwapRef, DEFAULT_REF_LOCK, lockRef, readHead, readRef, type RefLockOptions } from './git/refLock';
import { commitBody, treeBody, writeLooseObject } from './git/looseObjects';
import { objectBatch } from './git/objectBatch';
import { setPath } from './git/treeEdit';
import { checkExpectations, entryAt, type TreeReader } from './git/treeRead';

import { loadGit } from './git/loadGit';

const MAX_ATTEMPTS = 50;
const DEFAULT_BRANCH = 'main';

export interface GitRepoOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount (a directory locally); repositories live at `wikis/{user}/{wiki}/repo.git`. */
  readonly root: string;
  readonly clock: Clock;
  /** Ref lock timing; tests shorten `staleMs` to recover from killed writers quickly. */
  readonly refLock?: RefLockOptions;
  /**
   * fsync each new object before the ref can name it (default true), so that not even a machine
   * crash leaves the branch pointing at an object that never reached the disk. A commit syncs its
   * objects together (git/objectBatch.ts): one round of the disk, not one per object.
   */
  readonly fsyncObjects?: boolean;
}

const OID = /^[0-9a-f]{40}$/;

export function wikiDir(root: string, { user, wiki }: WikiId): string {
  return `${root}/wikis/${user}/${wiki}`;
}

export function gitRepoProvider(options: GitRepoOptions): WikiRepoProvider {
  return { open: (id) => new GitWikiRepo(options, `${wikiDir(options.root, id)}/repo.git`) };
}

/** A bare repository written straight to objects and refs: no index, no work tree. */
export class GitWikiRepo implements WikiRepo {
  /** For reads (isomorphic-git's and ours) and the refs; objects are written through an objectBatch. */
  private readonly fs: typeof NodeFs;
  private readonly rawFs: typeof NodeFs;
  /**
   * isomorphic-git's cache of parsed pack indexes (imported repositories are packed), kept per
   * repository across requests of a warm instance: packs never change once written (a repack
   * writes new ones under new names), so a save does not parse a 10,000-object index again.
   */
  private readonly cache: object;
  /** Commits and trees read natively (Node's zlib and SHA-1), isomorphic-git for what it cannot read. */
  private readonly reader: TreeReader;
  /** The branch and its commit as this instance last read or moved it (one request's instance). */
  private lastRead: { readonly ref: string; readonly commit: string } | undefined;

  constructor(
    private readonly options: GitRepoOptions,
    readonly gitdir: string,
  ) {
    this.rawFs = options.fs;
    this.fs = options.fs;
    this.cache = packCache(gitdir);
    this.reader = nativeTreeReader(options.fs, gitdir, loadGit, this.cache);
  }

  async exists(): Promise<boolean> {
    try {
      await this.rawFs.promises.stat(`${this.gitdir}/HEAD`);
      return true;
    } catch {
      return false;
    }
  }

  async create(initial: CommitRequest): Promise<CommitResult> {
    if (await this.exists()) throw new ConflictError('A repository already exists for this wiki.');
    const git = await loadGit();
    await this.rawFs.promises.mkdir(this.gitdir, { recursive: true });
    await git.init({ fs: this.fs, dir: this.gitdir, gitdir: this.gitdir, bare: true, defaultBranch: DEFAULT_BRANCH });
    const revision = await this.writeObjects(async (fs) => {
      const tree = await this.applyChanges(fs, undefined, initial);
      return this.writeCommit(fs, tree ?? (await this.emptyTree(fs)), [], initial);
    });
    if (!(await this.swap(await this.branchRef(), undefined, revision))) {
      throw new ConflictError('Another writer created this repository at the same time.');
    }
    return { revision, changed: true };
  }

  /**
   * The branch's commit, read as git does (HEAD, the loose ref, packed-refs): a save reads it
   * several times, and isomorphic-git's resolveRef tries every ref prefix in turn. A repository
   * without commits, or a HEAD this cannot follow, goes to isomorphic-git for its answer or error.
   */
  async head(): Promise<string> {
    const head = await readHead(this.rawFs, this.gitdir);
    if (OID.test(head)) return head;
    const ref = branchOf(head);
    const commit = ref ? await readRef(this.rawFs, this.gitdir, ref) : undefined;
    if (commit) {
      this.lastRead = { ref: ref!, commit };
      return commit;
    }
    const git = await loadGit();
    return git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: 'HEAD' });
  }

  private swap(refName: string, expected: string | undefined, next: string) {
    return compareAndSwapRef(this.rawFs, this.gitdir, refName, expected, next, this.options.refLock ?? DEFAULT_REF_LOCK);
  }

  async readFile(path: string, revision?: string): Promise<RepoFile | undefined> {
    const blob = await this.blobOf(path, revision);
    return blob === undefined ? undefined : { content: await this.readBlob(blob), blob };
  }

  async blobOf(path: string, revision?: string): Promise<string | undefined> {
    try {
      const oid = revision ?? (await this.head());
      const { commit } = await this.reader.git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid });
      const entry = await entryAt(this.reader, commit.tree, path);
      return entry?.type === 'blob' ? entry.oid : undefined;
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') return undefined;
      throw error;
    }
  }

  async listFiles(revision?: string): Promise<string[]> {
    const git = await loadGit();
    return git.listFiles({ fs: this.fs, gitdir: this.gitdir, ref: revision ?? (await this.head()), cache: this.cache });
  }

  async readBlob(blob: string): Promise<Uint8Array> {
    // Fast path for a loose object (every object this adapter writes): native zlib and SHA-1 are
    // several times cheaper than isomorphic-git's JavaScript ones, which backfill feels per page.
    if (OID.test(blob)) {
      let raw: Buffer | undefined;
      try {
        raw = inflateSync(await this.rawFs.promises.readFile(`${this.gitdir}/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      if (raw) {
        const nul = raw.indexOf(0);
        if (raw.subarray(0, 5).toString('latin1') !== 'blob ' || createHash('sha1').update(raw).digest('hex') !== blob) {
          throw new Error(`Object ${blob} in ${this.gitdir} is not the blob it should be.`);
        }
        return raw.subarray(nul + 1);
      }
      // Native reads of packed blobs (an imported repository is packed); an unusual pack: isomorphic-git.
      const packed = await sharedPackReader(this.rawFs, this.gitdir).read(blob).catch(() => undefined);
      if (packed?.type === 'blob') return packed.data;
    }
    const git = await loadGit();
    return (await git.readBlob({ fs: this.fs, gitdir: this.gitdir, oid: blob, cache: this.cache })).blob;
  }

  async listBlobs(revision?: string): Promise<RepoBlob[]> {
    const { git } = this.reader;
    const oid = revision ?? (await this.head());
    const { commit } = await git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid });
    const out: RepoBlob[] = [];
    const walk = async (tree: string, prefix: string): Promise<void> => {
      const { tree: entries } = await git.readTree({ fs: this.fs, gitdir: this.gitdir, oid: tree });
      for (const entry of entries) {
        if (entry.type === 'tree') await walk(entry.oid, `${prefix}${entry.path}/`);
        else if (entry.type === 'blob') out.push({ path: `${prefix}${entry.path}`, blob: entry.oid });
      }
    };
    await walk(commit.tree, '');
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    if (!request.landsAfter) return this.commitOnHead(request);
    request.landsAfter.catch(() => undefined); // awaited below, once the attempt is over
    // Whatever the attempt came to (landed, unchanged, a stale revision, an error), the gate's
    // refusal is what the caller hears: someone refused learns nothing from how far it got.
    const outcome = await this.commitOnHead(request).then((result) => ({ result }), (error: unknown) => ({ error }));
    await request.landsAfter;
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  private async commitOnHead(request: CommitRequest): Promise<CommitResult> {
    // A save has just read the branch (head() for its existence check): the first attempt builds on
    // that commit rather than reading HEAD and the ref again. The swap checks the ref under its lock,
    // so a branch that moved meanwhile costs one more attempt, never a lost commit.
    let known = this.lastRead;
    const refName = known?.ref ?? (await this.branchRef());
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The branch HEAD names, read straight (head() would read HEAD again); no commit yet: head()'s error.
      const parent = known?.commit ?? (await readRef(this.rawFs, this.gitdir, refName)) ?? (await this.head());
      known = undefined;
      const { commit } = await this.reader.git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid: parent });
      if (request.expect) await checkExpectations(this.reader, commit.tree, parent, request.expect);
      const seconds = Math.floor(this.options.clock.now().getTime() / 1000);
      const revision = await this.commitOnce(refName, parent, commit.tree, request, seconds);
      if (revision === null) return { revision: parent, changed: false };
      if (revision) {
        this.lastRead = { ref: refName, commit: revision };
        return { revision, changed: true, date: new Date(seconds * 1000).toISOString() };
      }
      // Another instance moved the branch since we read it: rebuild on its commit.
    }
    throw new ConflictError('The wiki is busy with other writes; try again in a moment.');
  }

  /**
   * One attempt at a commit on `parent`: its new id, null when the change leaves the tree as it
   * is, undefined when the branch no longer names `parent`. The ref lock is taken while the
   * objects are written, and the new id is synced in the same round of the disk as they are;
   * the objects are in place before the lock is renamed over the ref, so the ref never names a
   * missing object.
   */
  private async commitOnce(
    refName: string, parent: string, parentTree: string, request: CommitRequest, seconds: number,
  ): Promise<string | null | undefined> {
    const locking = lockRef(this.rawFs, this.gitdir, refName, this.options.refLock ?? DEFAULT_REF_LOCK);
    locking.catch(() => undefined); // awaited below, once the objects are written
    const batch = objectBatch(this.rawFs, this.options.fsyncObjects ?? true);
    let flushed = false;
    try {
      const tree = (await this.applyChanges(batch.fs, parentTree, request)) ?? (await this.emptyTree(batch.fs));
      if (tree === parentTree) return null;
      const revision = await this.writeCommit(batch.fs, tree, [parent], request, seconds);
      const lock = await locking;
      if (lock.current !== parent) return undefined;
      await batch.flush(async () => {
        await lock.write(revision);
        await lock.sync();
      }, request.landsAfter);
      flushed = true;
      return (await lock.commit()) ? revision : undefined;
    } finally {
      if (!flushed) await batch.discard();
      await locking.then((lock) => lock.release(), () => undefined);
    }
  }

  /**
   * Runs `work` with an fs whose object writes are batched (git/objectBatch.ts) and makes them
   * durable, all at once, before returning what `work` returned: only then may a ref name them.
   * Objects that turn out unused (an unchanged tree) are flushed too; they are valid objects.
   */
  private async writeObjects<T>(work: (fs: typeof NodeFs) => Promise<T>): Promise<T> {
    const batch = objectBatch(this.rawFs, this.options.fsyncObjects ?? true);
    let result: T;
    try {
      result = await work(batch.fs);
    } catch (error) {
      await batch.discard();
      throw error;
    }
    await batch.flush();
    return result;
  }

  private async applyChanges(fs: typeof NodeFs, tree: string | undefined, request: CommitRequest) {
    // Reads through the batch: a later change of this commit finds the trees an earlier one wrote.
    const reader = nativeTreeReader(fs, this.gitdir, loadGit, this.cache, this.rawFs);
    let current = tree;
    for (const change of request.changes) {
      // No existence probe: a saved page's content is almost always new, and the batch writes it
      // beside the trees; an unchanged save only drops a temp file (the tree comes out the same).
      const blob = change.content ? await writeLooseObject(fs, this.gitdir, 'blob', change.content, { probe: false }) : null;
      current = await setPath(reader.git, fs, this.gitdir, current, change.path.split('/'), blob, this.cache);
    }
    return current;
  }

  private async writeCommit(
    fs: typeof NodeFs, tree: string, parent: string[], request: CommitRequest,
    seconds = Math.floor(this.options.clock.now().getTime() / 1000),
  ) {
    const author = { name: request.author.name, email: request.author.email, timestamp: seconds };
    const body = commitBody({ tree, parent, author, message: `${request.message.trimEnd()}\n` });
    const oid = await writeLooseObject(fs, this.gitdir, 'commit', body, { probe: false });
    parsedObjects.keepCommit(this.gitdir, parseCommit(oid, body)); // the history index reads it next
    return oid;
  }

  private emptyTree(fs: typeof NodeFs) {
    return writeLooseObject(fs, this.gitdir, 'tree', treeBody([]));
  }

  /** The branch HEAD points at (bare repos made by git or Otter Wiki may use master). */
  private async branchRef(): Promise<string> {
    const ref = branchOf(await readHead(this.rawFs, this.gitdir));
    if (!ref) throw new ConflictError('The repository HEAD is detached; it cannot take commits.');
    return ref;
  }
}

/** The branch a HEAD of `ref: refs/heads/…` names; undefined for anything else (or a path that climbs). */
function branchOf(head: string): string | undefined {
  const ref = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
  return ref && !ref.split('/').some((part) => part === '..' || part === '') ? ref : undefined;
}
