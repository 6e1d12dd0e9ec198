import * as fs from 'node:fs';
import { gitHistoryProvider } from '../../../shared/adapters/gitWikiHistory';
import { gitRepoProvider, type GitWikiRepo } from '../../../shared/adapters/gitWikiRepo';
import { StaleRevisionError } from '../../../shared/core/errors';
import type { WikiHistory } from '../../../shared/ports/wikiHistory';
import type { WikiRepo } from '../../../shared/ports/wikiRepo';
import { git } from '../../helpers/git';
import { tempDir } from '../../helpers/peers';

const enc = (s: string) => new TextEncoder().encode(s);
const id = { user: 'alice', wiki: 'notes' };

describe('GitWikiHistory (against the git CLI)', () => {
  let root: string;
  let repo: WikiRepo;
  let history: WikiHistory;
  let gitdir: string;
  const revs: string[] = [];
  let second = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)) };
  const commit = async (message: string, changes: Record<string, string | null>, name = 'Alice') => {
    const out = await repo.commit({
      changes: Object.entries(changes).map(([path, text]) => ({ path, content: text === null ? null : enc(text) })),
      message, author: { name, email: `${name.toLowerCase()}@example.com` },
    });
    revs.unshift(out.revision);
    return out.revision;
  };

  beforeAll(async () => {
    root = tempDir();
    repo = gitRepoProvider({ fs, root, clock }).open(id);
    history = gitHistoryProvider({ fs, root }).open(id);
    gitdir = (repo as GitWikiRepo).gitdir;
    revs.unshift((await repo.create({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'Initial commit', author: { name: 'Alice', email: 'alice@example.com' } })).revision);
    await commit('Added docs.', { 'docs.md': 'docs v1', 'docs/intro.md': 'intro' });
    await commit('Updated home.', { 'home.md': '# Home\n\nv2' }, 'Bob');
    await commit('Added attachment(s): a.png.', { 'docs/a.png': 'PNG' });
    await commit('Updated docs.', { 'docs.md': 'docs v2' });
    await commit('docs deleted.', { 'docs.md': null, 'docs/intro.md': null, 'docs/a.png': null });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists the changelog newest first with authors, dates, messages and files, like git log', async () => {
    const { entries, next } = await history.log({ limit: 10 });
    expect(next).toBeUndefined();
    expect(entries.map((e) => e.revision)).toEqual(git(gitdir, 'log', '--format=%H').trim().split('\n'));
    expect(entries.map((e) => e.message)).toEqual(git(gitdir, 'log', '--format=%s').trim().split('\n'));
    expect(entries[3]).toMatchObject({ author: { name: 'Bob', email: 'bob@example.com' }, files: ['home.md'] });
    const gitDates = git(gitdir, 'log', '--format=%at').trim().split('\n').map((s) => new Date(Number(s) * 1000).toISOString());
    expect(entries.map((e) => e.date)).toEqual(gitDates);
    expect(entries[0]!.files).toEqual(['docs.md', 'docs/a.png', 'docs/intro.md']);
    expect(entries[5]!.files).toEqual(['home.md']);
  });

  it('pages through the changelog with the cursor it returns', async () => {
    const first = await history.log({ limit: 4 });
    expect(first.entries).toHaveLength(4);
    expect(first.next).toBe(revs[4]);
    const rest = await history.log({ from: first.next, limit: 4 });
    expect(rest.entries.map((e) => e.revision)).toEqual(revs.slice(4));
    expect(rest.next).toBeUndefined();
  });

  it('filters by file, like git log -- path, including the deleting commit', async () => {
    const { entries } = await history.log({ path: 'docs.md', limit: 10 });
    expect(entries.map((e) => e.revision)).toEqual(git(gitdir, 'log', '--format=%H', '--', 'docs.md').trim().split('\n'));
    expect(entries.map((e) => e.message)).toEqual(['docs deleted.', 'Updated docs.', 'Added docs.']);
    expect((await history.log({ path: 'docs', limit: 10 })).entries.map((e) => e.files)).toEqual([
      ['docs/a.png', 'docs/intro.md'], ['docs/a.png'], ['docs/intro.md'],
    ]);
    expect((await history.log({ path: 'never.md', limit: 10 })).entries).toEqual([]);
  });

  it('finds the last change of each file at a revision', async () => {
    const at = revs[1]!; // before the delete
    const changes = await history.lastChanges(['home.md', 'docs.md', 'docs/intro.md', 'missing.md'], at);
    expect(changes.get('home.md')?.message).toBe('Updated home.');
    expect(changes.get('docs.md')?.revision).toBe(at);
    expect(changes.get('docs/intro.md')?.message).toBe('Added docs.');
    expect(changes.has('missing.md')).toBe(false);
  });

  it('resolves full and abbreviated commit ids, and nothing else', async () => {
    const full = revs[2]!;
    await expect(history.resolveRevision(full)).resolves.toBe(full);
    await expect(history.resolveRevision(full.slice(0, 8).toUpperCase())).resolves.toBe(full);
    const tree = git(gitdir, 'rev-parse', `${full}^{tree}`).trim();
    for (const bad of [tree, '0'.repeat(40), 'HEAD', 'main', '../x', 'abc']) await expect(history.resolveRevision(bad)).resolves.toBeUndefined();
  });

  it('refuses a commit whose expected blob is stale, and takes one whose expectation holds', async () => {
    const head = await repo.head();
    const home = (await repo.readFile('home.md'))!.blob;
    const stale = (await repo.readFile('home.md', revs[5]))!.blob;
    await expect(repo.commit({
      changes: [{ path: 'home.md', content: enc('lost') }], message: 'x', author: { name: 'A', email: 'a@x' }, expect: [{ path: 'home.md', blob: stale }],
    })).rejects.toMatchObject({ constructor: StaleRevisionError, details: { currentRevision: head, path: 'home.md' } });
    expect(await repo.head()).toBe(head);
    const ok = await repo.commit({
      changes: [{ path: 'new.md', content: enc('new') }], message: 'y', author: { name: 'A', email: 'a@x' },
      expect: [{ path: 'home.md', blob: home }, { path: 'new.md', blob: null }],
    });
    expect(ok.changed).toBe(true);
    git(gitdir, 'fsck', '--full');
  });
});
