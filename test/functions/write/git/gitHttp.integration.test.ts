import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startPlatform, type Platform } from '../../../../local/platform';
import { git } from '../../../helpers/git';
import { tempDir } from '../../../helpers/peers';
import { tokenFor } from '../../../helpers/tokens';
import { testPlatformOptions } from '../../../helpers/testPlatform';

const run = promisify(execFile);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/**
 * git over smart HTTP against the local platform, with the real git CLI: clone (v0, v2,
 * shallow), push a page edit and a new page with an attachment and read them on the read path,
 * pull an API save, a push racing an API save, and the refusals (non-fast-forward, a reader's
 * push, an anonymous clone of a private wiki, a bad path). The server repository passes
 * `git fsck --full` after each.
 */
describe('git over HTTP', () => {
  let platform: Platform;
  let dataDir: string;
  let work: string;
  let alice: string;
  let bob: string;
  let dora: string;
  const serverRepo = (wiki = 'notes') => path.join(dataDir, 'efs', 'wikis', 'alice', wiki, 'repo.git');
  const remote = (token?: string, wiki = 'notes') => {
    const url = new URL(`${platform.url}/alice/${wiki}.git`);
    if (token) [url.username, url.password] = ['someone', token];
    return url.href;
  };
  /** The git CLI in `cwd`, never prompting; resolves with stdout+stderr, rejects with them. */
  const gitIn = (cwd: string, ...args: string[]) => gitWith({}, cwd, ...args);
  const gitWith = async (env: Record<string, string>, cwd: string, ...args: string[]) => {
    try {
      const { stdout, stderr } = await run('git', args, {
        cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', GIT_CONFIG_NOSYSTEM: '1', HOME: work, ...env }, maxBuffer: 64 << 20,
      });
      return stdout + stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`git ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
    }
  };
  const fsckServer = (wiki = 'notes') => git(serverRepo(wiki), 'fsck', '--full', '--strict');
  const api = (method: string, url: string, body: unknown, token: string) => fetch(`${platform.url}${url}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const clone = async (dir: string, ...options: string[]) => {
    await gitIn(work, 'clone', ...options, remote(alice), dir);
    const repo = path.join(work, dir);
    await gitIn(repo, 'config', 'user.name', 'Alice Clone');
    await gitIn(repo, 'config', 'user.email', 'alice@example.com');
    return repo;
  };

  beforeAll(async () => {
    dataDir = tempDir('wikibot-git-http-');
    work = tempDir('wikibot-git-work-');
    platform = await startPlatform(testPlatformOptions('wikibot-git-http', dataDir, { cache: true }));
    [alice, bob, dora] = await Promise.all([tokenFor('alice'), tokenFor('bob'), tokenFor('dora')]);
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' }, alice)).status).toBe(201);
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Secret', visibility: 'private' }, alice)).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/notes/members/bob', { role: 'editor' }, alice)).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/notes/members/dora', { role: 'reader' }, alice)).status).toBe(201);
    for (const page of ['Tea', 'Coffee', 'Docs/Water']) {
      expect((await api('PUT', `/api/wikis/alice/notes/pages/${page}`, { content: `# ${page}\n\nAbout ${page}.\n` }, alice)).status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('clones anonymously with protocol v0 and v2, whole and shallow', async () => {
    for (const version of ['0', '2']) {
      const out = await gitWith({ GIT_TRACE_PACKET: '1' }, work, '-c', `protocol.version=${version}`, 'clone', remote(), `anon-v${version}`);
      expect(out).toContain('Cloning into');
      // The server answered in the protocol the client asked for.
      expect(out.includes('git< version 2')).toBe(version === '2');
      const repo = path.join(work, `anon-v${version}`);
      expect(fs.readFileSync(path.join(repo, 'docs', 'water.md'), 'utf8')).toBe('# Docs/Water\n\nAbout Docs/Water.\n');
      expect((await gitIn(repo, 'rev-list', '--count', 'HEAD')).trim()).toBe('4');
      expect(await gitIn(repo, 'rev-parse', 'HEAD')).toBe(git(serverRepo(), 'rev-parse', 'HEAD'));
      await gitIn(repo, 'fsck', '--full');
    }
    for (const version of ['0', '2']) {
      await gitIn(work, '-c', `protocol.version=${version}`, 'clone', '--depth', '1', remote(), `shallow-v${version}`);
      const repo = path.join(work, `shallow-v${version}`);
      expect((await gitIn(repo, 'rev-parse', '--is-shallow-repository')).trim()).toBe('true');
      expect((await gitIn(repo, 'rev-list', '--count', 'HEAD')).trim()).toBe('1');
      expect(fs.existsSync(path.join(repo, 'tea.md'))).toBe(true);
      await gitIn(repo, 'fetch', '--deepen', '2');
      expect((await gitIn(repo, 'rev-list', '--count', 'HEAD')).trim()).toBe('3');
    }
  }, 120_000);

  it('pushes a page edit and a new page with an attachment, and the read path shows them', async () => {
    const repo = await clone('alice');
    fs.writeFileSync(path.join(repo, 'tea.md'), '# Tea\n\nPushed from git: green is best.\n');
    fs.mkdirSync(path.join(repo, 'recipes'));
    fs.writeFileSync(path.join(repo, 'recipes', 'chai.md'), '# Chai\n\n![cup](/Recipes/Chai/a/cup.png)\n');
    fs.mkdirSync(path.join(repo, 'recipes', 'chai'));
    fs.writeFileSync(path.join(repo, 'recipes', 'chai', 'cup.png'), PNG);
    await gitIn(repo, 'add', '-A');
    await gitIn(repo, 'commit', '-m', 'Tea and chai from git');
    const out = await gitIn(repo, 'push', 'origin', 'HEAD');
    expect(out).toMatch(/remote: wikibot: published 2 pages, 1 attachment/);
    expect(git(serverRepo(), 'log', '-1', '--format=%s|%an')).toBe('Tea and chai from git|Alice Clone\n');
    fsckServer();

    const tea = await fetch(`${platform.url}/alice/notes/Tea`);
    expect(await tea.text()).toContain('Pushed from git: green is best.');
    const chai = await (await fetch(`${platform.url}/alice/notes/Recipes/Chai`)).text();
    expect(chai).toContain('<h1');
    const image = await fetch(`${platform.url}/alice/notes/Recipes/Chai/a/cup.png`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    const pages = await (await fetch(`${platform.url}/api/wikis/alice/notes/pages`, { headers: { authorization: `Bearer ${alice}` } })).json();
    expect(pages.pages.map((p: { path: string }) => p.path)).toContain('recipes/chai');
  }, 60_000);

  it('pulls a change another user saved through the API', async () => {
    const repo = path.join(work, 'alice');
    expect((await api('PUT', '/api/wikis/alice/notes/pages/Coffee', { content: '# Coffee\n\nBob was here.\n' }, bob)).status).toBe(200);
    await gitIn(repo, 'pull', '--ff-only');
    expect(fs.readFileSync(path.join(repo, 'coffee.md'), 'utf8')).toBe('# Coffee\n\nBob was here.\n');
    await gitIn(repo, 'fsck', '--full');
  }, 60_000);

  it('never loses a save or a push when the two race', async () => {
    const repo = path.join(work, 'alice');
    fs.writeFileSync(path.join(repo, 'docs', 'water.md'), '# Water\n\nFrom the push.\n');
    await gitIn(repo, 'commit', '-am', 'Water from git');
    const [push, save] = await Promise.allSettled([
      gitIn(repo, 'push', 'origin', 'HEAD'),
      api('PUT', '/api/wikis/alice/notes/pages/Coffee', { content: '# Coffee\n\nSaved while pushing.\n' }, bob),
    ]);
    expect(save.status === 'fulfilled' && save.value.status).toBe(200);
    if (push.status === 'rejected') {
      // The save moved the branch first: git says so, and a pull then push lands it.
      expect(String(push.reason)).toMatch(/fetch first|rejected/);
      await gitIn(repo, 'pull', '--rebase');
      await gitIn(repo, 'push', 'origin', 'HEAD');
    }
    expect(git(serverRepo(), 'show', 'HEAD:docs/water.md')).toBe('# Water\n\nFrom the push.\n');
    expect(git(serverRepo(), 'show', 'HEAD:coffee.md')).toBe('# Coffee\n\nSaved while pushing.\n');
    fsckServer();
  }, 60_000);

  it('refuses a non-fast-forward push with git\'s own words, and keeps the branch', async () => {
    const repo = path.join(work, 'alice');
    await gitIn(repo, 'pull', '--ff-only');
    const before = git(serverRepo(), 'rev-parse', 'HEAD');
    await gitIn(repo, 'reset', '--hard', 'HEAD~2');
    fs.writeFileSync(path.join(repo, 'tea.md'), '# Tea\n\nRewritten history.\n');
    await gitIn(repo, 'commit', '-am', 'Rewrite');
    await expect(gitIn(repo, 'push', 'origin', 'HEAD')).rejects.toThrow(/rejected|fetch first|non-fast-forward/);
    await expect(gitIn(repo, 'push', '--force', 'origin', 'HEAD')).rejects.toThrow(/non-fast-forward/);
    expect(git(serverRepo(), 'rev-parse', 'HEAD')).toBe(before);
    await gitIn(repo, 'reset', '--hard', 'origin/main');
    await gitIn(repo, 'pull', '--ff-only');
    fsckServer();
  }, 60_000);

  it('refuses a push with a bad path whole, and other branches', async () => {
    const repo = path.join(work, 'alice');
    const before = git(serverRepo(), 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(repo, 'good.md'), '# Good\n');
    fs.mkdirSync(path.join(repo, '.hidden'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.hidden', 'x.md'), '# Hidden\n');
    await gitIn(repo, 'add', '-A');
    await gitIn(repo, 'commit', '-m', 'Good and bad');
    await expect(gitIn(repo, 'push', 'origin', 'HEAD')).rejects.toThrow(/\.hidden\/x\.md: hidden files/);
    expect(git(serverRepo(), 'rev-parse', 'HEAD')).toBe(before);
    await expect(gitIn(repo, 'push', 'origin', 'HEAD:refs/heads/feature')).rejects.toThrow(/only main takes pushes/);
    await gitIn(repo, 'reset', '--hard', 'origin/main');
    expect((await fetch(`${platform.url}/alice/notes/Good`)).status).toBe(404);
    fsckServer();
  }, 60_000);

  it('lets readers clone but not push, and keeps private wikis from anonymous clones', async () => {
    await gitIn(work, 'clone', remote(dora), 'dora');
    const repo = path.join(work, 'dora');
    await gitIn(repo, 'config', 'user.name', 'Dora');
    await gitIn(repo, 'config', 'user.email', 'dora@example.com');
    fs.writeFileSync(path.join(repo, 'tea.md'), '# Tea\n\nDora tries.\n');
    await gitIn(repo, 'commit', '-am', 'Dora tries');
    const url = new URL(remote(dora));
    await expect(gitIn(repo, 'push', url.href, 'HEAD:main')).rejects.toThrow(/403|editor role/);
    await expect(gitIn(work, 'clone', remote(undefined, 'secret'), 'secret-anon')).rejects.toThrow(/Authentication failed|could not read Username|401/);
    await expect(gitIn(work, 'clone', remote(bob, 'secret'), 'secret-bob')).rejects.toThrow(/403|reader role/);
    await gitIn(work, 'clone', remote(alice, 'secret'), 'secret-alice');
    expect(fs.existsSync(path.join(work, 'secret-alice', 'home.md'))).toBe(true);
    fsckServer('secret');
  }, 60_000);

  it('says plainly when a clone or a push is more than one request or response can carry', async () => {
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'big', title: 'Big' }, alice)).status).toBe(201);
    await gitIn(work, 'clone', remote(alice, 'big'), 'big');
    const big = path.join(work, 'big');
    fs.mkdirSync(path.join(big, 'home'));
    for (const name of ['one.bin', 'two.bin']) {
      // Two pushes of 3 MB each: each fits in a request, the clone of both does not fit in a response.
      fs.writeFileSync(path.join(big, 'home', name), randomBytes(3 << 20));
      await gitIn(big, 'add', '-A');
      await gitIn(big, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '-m', `Add ${name}`);
      await gitIn(big, '-c', 'http.postBuffer=16777216', 'push', 'origin', 'HEAD');
    }
    await expect(gitIn(work, 'clone', remote(alice, 'big'), 'big-again')).rejects.toThrow(/more than one response can carry/);

    const before = git(serverRepo('big'), 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(big, 'home', 'huge.bin'), randomBytes(5 << 20));
    await gitIn(big, 'add', '-A');
    await gitIn(big, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '-m', 'Too big');
    await expect(gitIn(big, '-c', 'http.postBuffer=16777216', 'push', 'origin', 'HEAD')).rejects.toThrow(/413/);
    expect(git(serverRepo('big'), 'rev-parse', 'HEAD')).toBe(before);
    fsckServer('big');
  }, 120_000);
});
