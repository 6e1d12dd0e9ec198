import { randomBytes } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import type { WikiId } from '../core/slugs';
import type { GitCommitInfo, GitTransport, GitTransportProvider, GitTreeEntry } from '../ports/gitTransport';
import { loadGit } from './git/loadGit';
import { writeLooseObject } from './git/looseObjects';
import { objectBatch } from './git/objectBatch';
import { compareAndSwapRef, DEFAULT_REF_LOCK, readRef, type RefLockOptions } from './git/refLock';
import { wikiDir } from './gitWikiRepo';

export interface GitTransportOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount; repositories live at `wikis/{user}/{wiki}/repo.git`. */
  readonly root: string;
  readonly refLock?: RefLockOptions;
}

export function gitTransportProvider(options: GitTransportOptions): GitTransportProvider {
  return { open: (id: WikiId) => new GitTransportStore(options, `${wikiDir(options.root, id)}/repo.git`) };
}

/**
 * The wire protocol's view of a bare repository, with isomorphic-git: objects read for the walk,
 * packs written with `packObjects`, received packs indexed with `indexPack` and then written out
 * as loose objects (each checked against its id), so the repository never keeps a pack whose
 * deltas point outside it, and the branch moved with the same compare-and-swap ref lock as saves.
 */
export class GitTransportStore implements GitTransport {
  private readonly fs: typeof NodeFs;
  private readonly cache = {};

  constructor(private readonly options: GitTransportOptions, readonly gitdir: string) {
    this.fs = options.fs;
  }

  async branch() {
    const head = (await this.options.fs.promises.readFile(`${this.gitdir}/HEAD`, 'utf8')).trim();
    const ref = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1] ?? 'refs/heads/main';
    return { ref, oid: await readRef(this.options.fs, this.gitdir, ref) };
  }

  async hasObject(oid: string): Promise<boolean> {
    const git = await loadGit();
    try {
      await git.readObject({ fs: this.fs, gitdir: this.gitdir, oid, format: 'deflated', cache: this.cache });
      return true;
    } catch {
      return false;
    }
  }

  async commit(oid: string): Promise<GitCommitInfo> {
    const git = await loadGit();
    const { commit } = await git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid, cache: this.cache });
    return { tree: commit.tree, parents: commit.parent };
  }

  async tree(oid: string): Promise<readonly GitTreeEntry[]> {
    const git = await loadGit();
    const { tree } = await git.readTree({ fs: this.fs, gitdir: this.gitdir, oid, cache: this.cache });
    return tree.map((e) => ({ mode: e.mode, path: e.path, oid: e.oid, type: e.type }));
  }

  async blobSize(oid: string): Promise<number> {
    const git = await loadGit();
    const { object, type } = await git.readObject({ fs: this.fs, gitdir: this.gitdir, oid, format: 'content', cache: this.cache });
    if (type !== 'blob') throw new Error(`${oid} is a ${type}, not a blob.`);
    return (object as Uint8Array).length;
  }

  async pack(oids: readonly string[]): Promise<Uint8Array> {
    const git = await loadGit();
    const { packfile } = await git.packObjects({ fs: this.fs, dir: this.gitdir, gitdir: this.gitdir, oids: [...oids], cache: this.cache });
    if (!packfile) throw new Error('isomorphic-git wrote no pack.');
    return packfile;
  }

  async unpack(pack: Uint8Array): Promise<string[]> {
    const git = await loadGit();
    const dir = `${this.gitdir}/objects/pack`;
    await this.options.fs.promises.mkdir(dir, { recursive: true });
    // A name git itself would never use, so nothing mistakes it for a finished pack.
    const name = `incoming-${randomBytes(8).toString('hex')}`;
    const packPath = `${dir}/${name}.pack`;
    const fresh = {};
    // Objects reach their final names only complete and synced, all at once (as a save's do).
    const batch = objectBatch(this.options.fs);
    try {
      await this.options.fs.promises.writeFile(packPath, pack);
      const { oids } = await git.indexPack({ fs: this.fs, dir: this.gitdir, gitdir: this.gitdir, filepath: `objects/pack/${name}.pack`, cache: fresh });
      for (const oid of oids) {
        const { type, object } = await git.readObject({ fs: this.fs, gitdir: this.gitdir, oid, format: 'content', cache: fresh });
        if (type !== 'blob' && type !== 'tree' && type !== 'commit') throw new Error(`${type} objects are not taken by a wiki`);
        const written = await writeLooseObject(batch.fs, this.gitdir, type, object as Uint8Array);
        if (written !== oid) throw new Error(`Object ${oid} hashes to ${written}.`);
      }
      await batch.flush();
      return oids;
    } catch (error) {
      await batch.discard();
      throw error;
    } finally {
      await this.options.fs.promises.rm(packPath, { force: true });
      await this.options.fs.promises.rm(`${dir}/${name}.idx`, { force: true });
    }
  }

  async moveBranch(expected: string | undefined, next: string): Promise<boolean> {
    const { ref } = await this.branch();
    return compareAndSwapRef(this.options.fs, this.gitdir, ref, expected, next, this.options.refLock ?? DEFAULT_REF_LOCK);
  }
}
