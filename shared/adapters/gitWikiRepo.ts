import type * as NodeFs from 'node:fs';
import { ConflictError } from '../core/errors';
import type { WikiId } from '../core/slugs';
import type { Clock } from '../ports/clock';
import type {
  CommitRequest, CommitResult, RepoFile, WikiRepo, WikiRepoProvider,
} from '../ports/wikiRepo';
import { compareAndSwapRef } from './git/refLock';
import { setPath } from './git/treeEdit';

type Git = typeof import('isomorphic-git');

// isomorphic-git is loaded on the first git operation, so a cold start that needs no git skips it.
let gitModule: Promise<Git> | undefined;
const loadGit = (): Promise<Git> => (gitModule ??= import('isomorphic-git'));

const MAX_ATTEMPTS = 50;
const DEFAULT_BRANCH = 'main';

export interface GitRepoOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount (a directory locally); repositories live at `wikis/{user}/{wiki}/repo.git`. */
  readonly root: string;
  readonly clock: Clock;
}

export function wikiDir(root: string, { user, wiki }: WikiId): string {
  return `${root}/wikis/${user}/${wiki}`;
}

export function gitRepoProvider(options: GitRepoOptions): WikiRepoProvider {
  return { open: (id) => new GitWikiRepo(options, `${wikiDir(options.root, id)}/repo.git`) };
}

/** A bare repository written straight to objects and refs: no index, no work tree. */
export class GitWikiRepo implements WikiRepo {
  private readonly fs: typeof NodeFs;

  constructor(
    private readonly options: GitRepoOptions,
    readonly gitdir: string,
  ) {
    this.fs = options.fs;
  }

  async exists(): Promise<boolean> {
    try {
      await this.fs.promises.stat(`${this.gitdir}/HEAD`);
      return true;
    } catch {
      return false;
    }
  }

  async create(initial: CommitRequest): Promise<CommitResult> {
    if (await this.exists()) throw new ConflictError('A repository already exists for this wiki.');
    const git = await loadGit();
    await this.fs.promises.mkdir(this.gitdir, { recursive: true });
    await git.init({ fs: this.fs, dir: this.gitdir, gitdir: this.gitdir, bare: true, defaultBranch: DEFAULT_BRANCH });
    const tree = await this.applyChanges(git, undefined, initial);
    const revision = await this.writeCommit(git, tree ?? (await this.emptyTree(git)), [], initial);
    if (!(await compareAndSwapRef(this.fs, await this.branchRefPath(), undefined, revision))) {
      throw new ConflictError('Another writer created this repository at the same time.');
    }
    return { revision, changed: true };
  }

  async head(): Promise<string> {
    const git = await loadGit();
    return git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: 'HEAD' });
  }

  async readFile(path: string, revision?: string): Promise<RepoFile | undefined> {
    const git = await loadGit();
    try {
      const oid = revision ?? (await this.head());
      const { blob, oid: blobId } = await git.readBlob({ fs: this.fs, gitdir: this.gitdir, oid, filepath: path });
      return { content: blob, blob: blobId };
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') return undefined;
      throw error;
    }
  }

  async listFiles(revision?: string): Promise<string[]> {
    const git = await loadGit();
    return git.listFiles({ fs: this.fs, gitdir: this.gitdir, ref: revision ?? (await this.head()) });
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const git = await loadGit();
    const refPath = await this.branchRefPath();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const parent = await this.head();
      const { commit } = await git.readCommit({ fs: this.fs, gitdir: this.gitdir, oid: parent });
      const tree = (await this.applyChanges(git, commit.tree, request)) ?? (await this.emptyTree(git));
      if (tree === commit.tree) return { revision: parent, changed: false };
      const revision = await this.writeCommit(git, tree, [parent], request);
      // Another instance may have moved the branch since we read it: rebuild on its commit.
      if (await compareAndSwapRef(this.fs, refPath, parent, revision)) return { revision, changed: true };
    }
    throw new ConflictError('The wiki is busy with other writes; try again in a moment.');
  }

  private async applyChanges(git: Git, tree: string | undefined, request: CommitRequest) {
    let current = tree;
    for (const change of request.changes) {
      const blob = change.content
        ? await git.writeBlob({ fs: this.fs, gitdir: this.gitdir, blob: change.content })
        : null;
      current = await setPath(git, this.fs, this.gitdir, current, change.path.split('/'), blob);
    }
    return current;
  }

  private async writeCommit(git: Git, tree: string, parent: string[], request: CommitRequest) {
    const now = this.options.clock.now();
    const signature = {
      name: request.author.name,
      email: request.author.email,
      timestamp: Math.floor(now.getTime() / 1000),
      timezoneOffset: 0,
    };
    return git.writeCommit({
      fs: this.fs,
      gitdir: this.gitdir,
      commit: { message: `${request.message.trimEnd()}\n`, tree, parent, author: signature, committer: signature },
    });
  }

  private emptyTree(git: Git) {
    return git.writeTree({ fs: this.fs, gitdir: this.gitdir, tree: [] });
  }

  /** The file of the branch HEAD points at (bare repos made by git or Otter Wiki may use master). */
  private async branchRefPath(): Promise<string> {
    const head = (await this.fs.promises.readFile(`${this.gitdir}/HEAD`, 'utf8')).trim();
    const match = /^ref: (refs\/heads\/[^\s]+)$/.exec(head);
    if (!match?.[1]) throw new ConflictError('The repository HEAD is detached; it cannot take commits.');
    return `${this.gitdir}/${match[1]}`;
  }
}
