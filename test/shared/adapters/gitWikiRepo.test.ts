import * as fs from 'node:fs';
import { GitWikiRepo, gitRepoProvider } from '../../../shared/adapters/gitWikiRepo';
import { ConflictError, ForbiddenError, InvalidInputError, StaleRevisionError } from '../../../shared/core/errors';
import type { WikiRepo } from '../../../shared/ports/wikiRepo';
import { execFileSync } from 'node:child_process';
import { git } from '../../helpers/git';
import { tempDir } from '../../helpers/peers';

const enc = (s: string) => new TextEncoder().encode(s);
const author = { name: 'Alice', email: 'alice@example.com' };
const clock = { now: () => new Date('2026-05-01T12:00:00Z') };

describe('GitWikiRepo', () => {
  let root: string;
  let repo: WikiRepo;
  let gitdir: string;

  beforeEach(async () => {
    root = tempDir();
    repo = gitRepoProvider({ fs, root, clock }).open({ user: 'alice', wiki: 'notes' });
    gitdir = (repo as GitWikiRepo).gitdir;
    await repo.create({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'Initial commit', author });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates a bare repository at wikis/{user}/{wiki}/repo.git that git accepts', () => {
    expect(gitdir).toBe(`${root}/wikis/alice/notes/repo.git`);
    expect(git(gitdir, 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    git(gitdir, 'fsck', '--full', '--strict');
    expect(git(gitdir, 'log', '--format=%s|%an|%ae|%aI')).toBe('Initial commit|Alice|alice@example.com|2026-05-01T12:00:00+00:00\n');
    expect(git(gitdir, 'show', 'HEAD:home.md')).toBe('# Home\n');
  });

  it('refuses to create the same repository twice', async () => {
    await expect(repo.create({ changes: [], message: 'again', author })).rejects.toThrow(ConflictError);
  });

  it('commits nested files without an index and reads them back', async () => {
    const { revision, changed } = await repo.commit({
      changes: [{ path: 'docs/deep/intro.md', content: enc('intro') }], message: 'Added intro.', author,
    });
    expect(changed).toBe(true);
    expect(git(gitdir, 'rev-parse', 'HEAD').trim()).toBe(revision);
    expect(git(gitdir, 'show', 'HEAD:docs/deep/intro.md')).toBe('intro');
    expect(git(gitdir, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n')).toEqual(['docs/deep/intro.md', 'home.md']);
    expect(await repo.listFiles()).toEqual(['docs/deep/intro.md', 'home.md']);
    const file = await repo.readFile('docs/deep/intro.md');
    expect(new TextDecoder().decode(file!.content)).toBe('intro');
    expect(file!.blob).toBe(git(gitdir, 'rev-parse', 'HEAD:docs/deep/intro.md').trim());
    git(gitdir, 'fsck', '--full', '--strict');
  });

  it('makes no commit when the content is unchanged', async () => {
    const before = await repo.head();
    const result = await repo.commit({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'noop', author });
    expect(result).toEqual({ revision: before, changed: false });
    expect(git(gitdir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('deletes files and drops folders that become empty', async () => {
    await repo.commit({ changes: [{ path: 'a/b.md', content: enc('b') }], message: 'add', author });
    await repo.commit({ changes: [{ path: 'a/b.md', content: null }], message: 'del', author });
    expect(git(gitdir, 'ls-tree', '-r', '--name-only', 'HEAD').trim()).toBe('home.md');
    git(gitdir, 'fsck', '--full', '--strict');
  });

  it('reads a file at an older revision, and nothing for missing files', async () => {
    const first = await repo.head();
    await repo.commit({ changes: [{ path: 'home.md', content: enc('v2') }], message: 'v2', author });
    expect(new TextDecoder().decode((await repo.readFile('home.md', first))!.content)).toBe('# Home\n');
    await expect(repo.readFile('missing.md')).resolves.toBeUndefined();
  });

  it('refuses to put a file where a folder is, or inside a file', async () => {
    await repo.commit({ changes: [{ path: 'docs/a.md', content: enc('a') }], message: 'add', author });
    await expect(repo.commit({ changes: [{ path: 'docs', content: enc('x') }], message: 'x', author })).rejects.toThrow(InvalidInputError);
    await expect(repo.commit({ changes: [{ path: 'home.md/x.md', content: enc('x') }], message: 'x', author })).rejects.toThrow(InvalidInputError);
  });

  it('lands every commit when writers race on different files', async () => {
    const writers = Array.from({ length: 12 }, (_, i) =>
      // Separate instances, as separate Lambda instances would have.
      gitRepoProvider({ fs, root, clock }).open({ user: 'alice', wiki: 'notes' }).commit({
        changes: [{ path: `page-${i}.md`, content: enc(`page ${i}`) }], message: `Added page ${i}.`, author,
      }),
    );
    const results = await Promise.all(writers);
    expect(results.every((r) => r.changed)).toBe(true);
    expect(git(gitdir, 'rev-list', '--count', 'HEAD').trim()).toBe('13');
    for (let i = 0; i < 12; i++) expect(git(gitdir, 'show', `HEAD:page-${i}.md`)).toBe(`page ${i}`);
    git(gitdir, 'fsck', '--full', '--strict');
  });

  it('recovers a ref lock left behind by a crashed writer', async () => {
    const lock = `${gitdir}/refs/heads/main.lock`;
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    await expect(repo.commit({ changes: [{ path: 'x.md', content: enc('x') }], message: 'x', author })).resolves.toMatchObject({ changed: true });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('gives a file\'s blob id at head or at a revision, and nothing for a folder or a missing path', async () => {
    const { revision: first } = await repo.commit({ changes: [{ path: 'docs/a.md', content: enc('a1') }], message: 'a1', author });
    await repo.commit({ changes: [{ path: 'docs/a.md', content: enc('a2') }], message: 'a2', author });
    expect(await repo.blobOf('docs/a.md')).toBe(git(gitdir, 'rev-parse', 'HEAD:docs/a.md').trim());
    expect(await repo.blobOf('docs/a.md', first)).toBe(git(gitdir, 'rev-parse', `${first}:docs/a.md`).trim());
    expect(await repo.blobOf('docs')).toBeUndefined();
    expect(await repo.blobOf('docs/b.md')).toBeUndefined();
    expect(await repo.blobOf('home.md/x.md')).toBeUndefined();
  });

  it('lands a commit built on a head it read before another writer moved the branch', async () => {
    const other = gitRepoProvider({ fs, root, clock }).open({ user: 'alice', wiki: 'notes' });
    await repo.readFile('home.md'); // this instance now knows the branch at the initial commit
    await other.commit({ changes: [{ path: 'b.md', content: enc('b') }], message: 'b', author });
    const { changed } = await repo.commit({ changes: [{ path: 'a.md', content: enc('a') }], message: 'a', author });
    expect(changed).toBe(true);
    expect(git(gitdir, 'log', '--format=%s')).toBe('a\nb\nInitial commit\n');
    expect(git(gitdir, 'ls-tree', '--name-only', 'HEAD').trim().split('\n')).toEqual(['a.md', 'b.md', 'home.md']);
    git(gitdir, 'fsck', '--full', '--strict');
  });

  it('leaves no ref lock and no temp object behind when a commit is refused or changes nothing', async () => {
    await expect(repo.commit({ changes: [{ path: 'home.md/x.md', content: enc('x') }], message: 'x', author })).rejects.toThrow(InvalidInputError);
    await repo.commit({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'noop', author });
    const leftovers = execFileSync('find', [gitdir, '-name', '*.lock', '-o', '-name', 'tmp_obj_*'], { encoding: 'utf8' });
    expect(leftovers).toBe('');
    expect((await repo.commit({ changes: [{ path: 'x.md', content: enc('x') }], message: 'x', author })).changed).toBe(true);
    git(gitdir, 'fsck', '--full', '--strict');
  });

  describe('a commit that lands after a gate (landsAfter)', () => {
    const leftovers = () => execFileSync('find', [gitdir, '-name', '*.lock', '-o', '-name', 'tmp_obj_*'], { encoding: 'utf8' });
    const looseObjects = () => execFileSync('find', [`${gitdir}/objects`, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n').sort();
    const gate = () => {
      let open!: () => void;
      let close!: (error: Error) => void;
      const promise = new Promise<void>((resolve, reject) => { open = resolve; close = reject; });
      return { promise, open, close };
    };

    it('holds its objects under temp names and the branch where it was until the gate opens, then lands', async () => {
      const before = await repo.head();
      const objects = looseObjects();
      const { promise, open } = gate();
      const committing = repo.commit({ changes: [{ path: 'x.md', content: enc('x') }], message: 'x', author, landsAfter: promise });
      // Ready and waiting: the new id sits in the ref lock, the objects in temp files.
      for (let i = 0; i < 200 && !fs.existsSync(`${gitdir}/refs/heads/main.lock`); i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      expect(git(gitdir, 'rev-parse', 'HEAD').trim()).toBe(before);
      expect(looseObjects().filter((file) => !file.includes('tmp_obj_'))).toEqual(objects);
      open();
      const { revision, changed } = await committing;
      expect(changed).toBe(true);
      expect(git(gitdir, 'rev-parse', 'HEAD').trim()).toBe(revision);
      expect(git(gitdir, 'show', 'HEAD:x.md')).toBe('x');
      expect(leftovers()).toBe('');
      git(gitdir, 'fsck', '--full', '--strict');
    });

    it('leaves the repository exactly as it was and throws the gate\'s reason when the gate closes', async () => {
      const before = await repo.head();
      const objects = looseObjects();
      const { promise, close } = gate();
      const committing = repo.commit({ changes: [{ path: 'docs/x.md', content: enc('x') }], message: 'x', author, landsAfter: promise });
      setTimeout(() => close(new ForbiddenError('not yours')), 20);
      await expect(committing).rejects.toThrow('not yours');
      expect(git(gitdir, 'rev-parse', 'HEAD').trim()).toBe(before);
      expect(looseObjects()).toEqual(objects);
      expect(leftovers()).toBe('');
      expect((await repo.commit({ changes: [{ path: 'x.md', content: enc('x') }], message: 'x', author })).changed).toBe(true);
    });

    it('answers with the gate\'s refusal, not with how far the commit got', async () => {
      const refused = () => Promise.reject(new ForbiddenError('not yours'));
      const stale = [{ path: 'home.md', blob: null }]; // home.md exists: this commit would be a 409
      await expect(repo.commit({ changes: [{ path: 'home.md', content: enc('y') }], message: 'y', author, expect: stale, landsAfter: refused() }))
        .rejects.toThrow(ForbiddenError);
      await expect(repo.commit({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'noop', author, landsAfter: refused() }))
        .rejects.toThrow(ForbiddenError);
      await expect(repo.commit({ changes: [{ path: 'home.md', content: enc('y') }], message: 'y', author, expect: stale, landsAfter: Promise.resolve() }))
        .rejects.toThrow(StaleRevisionError);
      expect(leftovers()).toBe('');
    });
  });

  it('lists every file with its blob id, sorted, without reading contents', async () => {
    await repo.commit({ changes: [{ path: 'docs/a b.md', content: enc('a') }, { path: 'docs/a b/pic.png', content: enc('png') }], message: 'add', author });
    const blobs = await repo.listBlobs();
    expect(blobs.map((b) => b.path)).toEqual(['docs/a b.md', 'docs/a b/pic.png', 'home.md']);
    for (const b of blobs) expect(b.blob).toBe(git(gitdir, 'rev-parse', `HEAD:${b.path}`).trim());
  });

  it('writes objects through tmp_obj_ files, so a killed writer never leaves a torn object', async () => {
    // What a writer killed mid-write leaves: a partial temp file, never a partial object.
    const stray = `${gitdir}/objects/ab/tmp_obj_killed`;
    fs.mkdirSync(`${gitdir}/objects/ab`, { recursive: true });
    fs.writeFileSync(stray, Buffer.from([0x78, 0x01, 0x2b]));
    await repo.commit({ changes: [{ path: 'x.md', content: enc('x') }], message: 'x', author });
    const tmp = execFileSync('find', [`${gitdir}/objects`, '-name', 'tmp_obj_*'], { encoding: 'utf8' }).trim().split('\n');
    expect(tmp).toEqual([stray]);
    git(gitdir, 'fsck', '--full', '--strict');
  });

  describe('a repository whose branch is only in packed-refs (git clone, git gc, Otter Wiki)', () => {
    let packed: string;
    beforeEach(() => {
      const work = `${root}/work`;
      const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      fs.mkdirSync(work);
      run(work, 'init', '-q', '-b', 'master');
      run(work, '-c', 'user.name=Otter', '-c', 'user.email=o@x', 'commit', '-q', '--allow-empty', '-m', 'Initial commit');
      packed = `${root}/wikis/otter/wiki/repo.git`;
      run(root, 'clone', '-q', '--bare', work, packed);
      expect(fs.existsSync(`${packed}/refs/heads/master`)).toBe(false);
      expect(fs.readFileSync(`${packed}/packed-refs`, 'utf8')).toContain('refs/heads/master');
    });

    it('commits on top of the packed ref and writes a loose ref, which git prefers', async () => {
      const otter = gitRepoProvider({ fs, root, clock }).open({ user: 'otter', wiki: 'wiki' });
      const before = git(packed, 'rev-parse', 'HEAD').trim();
      await expect(otter.head()).resolves.toBe(before);
      const { revision } = await otter.commit({ changes: [{ path: 'home.md', content: enc('# Home') }], message: 'Add home', author });
      expect(fs.readFileSync(`${packed}/refs/heads/master`, 'utf8')).toBe(`${revision}\n`);
      expect(git(packed, 'rev-parse', 'HEAD').trim()).toBe(revision);
      expect(git(packed, 'rev-parse', 'HEAD~1').trim()).toBe(before);
      git(packed, 'fsck', '--full', '--strict');
    });

    it('refuses a swap whose expected commit is not the packed one', async () => {
      const { compareAndSwapRef, readRef } = await import('../../../shared/adapters/git/refLock');
      const head = git(packed, 'rev-parse', 'HEAD').trim();
      await expect(readRef(fs, packed, 'refs/heads/master')).resolves.toBe(head);
      await expect(compareAndSwapRef(fs, packed, 'refs/heads/master', undefined, head)).resolves.toBe(false);
      await expect(compareAndSwapRef(fs, packed, 'refs/heads/master', '0'.repeat(40), head)).resolves.toBe(false);
      expect(fs.existsSync(`${packed}/refs/heads/master`)).toBe(false);
      expect(fs.existsSync(`${packed}/refs/heads/master.lock`)).toBe(false);
    });
  });
});
