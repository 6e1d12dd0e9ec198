import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileCommitIndexProvider } from '../../../shared/adapters/fileCommitIndex';
import { GitWikiHistory } from '../../../shared/adapters/gitWikiHistory';
import { gitRepoProvider } from '../../../shared/adapters/gitWikiRepo';
import { indexedHistoryProvider, type IndexedWikiHistory } from '../../../shared/adapters/indexedWikiHistory';
import { indexingRepoProvider, type IndexingRepoProvider } from '../../../shared/adapters/indexingWikiRepo';
import type { CommitIndex } from '../../../shared/ports/commitIndex';
import type { WikiRepo } from '../../../shared/ports/wikiRepo';
import { gitLogIndex } from '../../../tools/gitLogIndex';
import { git } from '../../helpers/git';
import { tempDir } from '../../helpers/peers';

const enc = (s: string) => new TextEncoder().encode(s);
const id = { user: 'alice', wiki: 'notes' };
const author = { name: 'Alice', email: 'alice@example.com' };

/** A commit made with the git CLI in a clone, pushed to the wiki's bare repository: not ours. */
function foreignCommit(gitdir: string, work: string, edit: (dir: string) => void, message: string, args: string[] = []) {
  const run = (...a: string[]) => execFileSync('git', a, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!fs.existsSync(work)) {
    execFileSync('git', ['clone', '--quiet', gitdir, work]);
    run('config', 'user.name', 'Carol');
    run('config', 'user.email', 'carol@example.com');
  }
  run('pull', '--quiet', '--ff-only');
  edit(work);
  run('add', '-A');
  run('commit', '--quiet', '-m', message, ...args);
  run('push', '--quiet', 'origin', 'HEAD:main');
}

describe('IndexedWikiHistory (against the git walk and the git CLI)', () => {
  let root: string;
  let repos: IndexingRepoProvider;
  let repo: WikiRepo;
  let history: IndexedWikiHistory;
  let walk: GitWikiHistory;
  let index: CommitIndex;
  let gitdir: string;
  let second = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)) };
  /** A commit through the indexing repository, and the indexing it started beside it. */
  const save = async (message: string, changes: Record<string, string | null>) => {
    const result = await repo.commit({ changes: Object.entries(changes).map(([p, text]) => ({ path: p, content: text === null ? null : enc(text) })), message, author });
    await repos.settled();
    return result;
  };

  beforeAll(async () => {
    root = tempDir();
    const indexes = fileCommitIndexProvider({ fs, root });
    const histories = indexedHistoryProvider({ fs, root, indexes });
    repos = indexingRepoProvider(gitRepoProvider({ fs, root, clock }), histories);
    repo = repos.open(id);
    history = histories.open(id);
    index = indexes.open(id);
    gitdir = path.join(root, 'wikis/alice/notes/repo.git');
    walk = new GitWikiHistory(fs, gitdir);
    await repo.create({ changes: [{ path: 'home.md', content: enc('# Home\n') }], message: 'Initial commit', author });
    await repos.settled();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('indexes every kind of commit the write path makes as it lands (save, rename, attachment, delete)', async () => {
    const steps: [string, Record<string, string | null>, string[]][] = [
      ['Added docs.', { 'docs.md': 'docs v1', 'docs/intro.md': 'intro' }, ['docs.md', 'docs/intro.md']],
      ['Renamed docs to guide.', { 'docs.md': null, 'guide.md': 'docs v1' }, ['docs.md', 'guide.md']],
      ['Added attachment(s): a.png.', { 'guide/a.png': 'PNG' }, ['guide/a.png']],
      ['Updated home.', { 'home.md': '# Home\n\nv2' }, ['home.md']],
      ['guide deleted.', { 'guide.md': null, 'guide/a.png': null }, ['guide.md', 'guide/a.png']],
    ];
    for (const [message, changes, files] of steps) {
      const { revision } = await save(message, changes);
      // Read straight from the index, not through the history (which would catch up by itself).
      const head = await index.head();
      expect(head?.revision).toBe(revision);
      expect((await index.read([head!.seq]))[0]).toMatchObject({ message, files });
    }
  });

  it('indexes commits made with the git CLI when first seen, walking only the new ones', async () => {
    const work = path.join(root, 'work');
    const before = (await index.head())!;
    foreignCommit(gitdir, work, (dir) => {
      execFileSync('git', ['mv', 'docs/intro.md', 'intro.md'], { cwd: dir });
      fs.writeFileSync(path.join(dir, 'notes.md'), 'notes');
    }, 'Moved intro with git mv');
    foreignCommit(gitdir, work, () => undefined, 'An empty commit', ['--allow-empty']);
    // A merge: its files are its changes against its first parent.
    const run = (...a: string[]) => execFileSync('git', a, { cwd: work, stdio: 'ignore' });
    run('checkout', '--quiet', '-b', 'side');
    fs.writeFileSync(path.join(work, 'side.md'), 'side');
    run('add', '-A');
    run('commit', '--quiet', '-m', 'On a side branch');
    run('checkout', '--quiet', 'main');
    fs.writeFileSync(path.join(work, 'home.md'), '# Home\n\nv3');
    run('commit', '--quiet', '-am', 'Home on main');
    run('merge', '--quiet', '--no-ff', 'side', '-m', 'Merged side');
    run('push', '--quiet', 'origin', 'main');
    const head = git(gitdir, 'rev-parse', 'HEAD').trim();

    expect((await index.head())!.revision).toBe(before.revision); // nobody has looked yet
    const { entries } = await history.log({ limit: 1 });
    expect(entries[0]).toMatchObject({ revision: head, message: 'Merged side', files: ['side.md'] });
    // Exactly the four new first-parent commits were appended (the side commit is not on the chain).
    expect(await index.head()).toEqual({ revision: head, seq: before.seq + 4 });
  });

  it('answers the changelog, page history, folder history, last changes and revisions exactly as the walk', async () => {
    const revs = git(gitdir, 'rev-list', '--first-parent', 'HEAD').trim().split('\n');
    for (const limit of [1, 2, 3, 50]) {
      for (const from of [undefined, ...revs]) {
        expect(await history.log({ from, limit })).toEqual(await walk.log({ from, limit }));
        for (const file of ['home.md', 'docs.md', 'guide.md', 'guide', 'docs', 'intro.md', 'side.md', 'missing.md']) {
          expect(await history.log({ from, path: file, limit })).toEqual(await walk.log({ from, path: file, limit }));
        }
      }
    }
    const files = ['home.md', 'docs.md', 'guide.md', 'guide/a.png', 'docs/intro.md', 'intro.md', 'notes.md', 'side.md', 'nope.md'];
    const many = [...files, ...Array.from({ length: 40 }, (_, i) => `x${i}.md`)]; // past the per-path lookups
    for (const at of [undefined, ...revs]) {
      expect(await history.lastChanges(files, at)).toEqual(await walk.lastChanges(files, at));
      expect(await history.lastChanges(many, at)).toEqual(await walk.lastChanges(many, at));
    }
    for (const rev of revs) {
      await expect(history.resolveRevision(rev)).resolves.toBe(rev);
      await expect(history.resolveRevision(rev.slice(0, 10).toUpperCase())).resolves.toBe(rev);
    }
    const side = git(gitdir, 'rev-parse', 'HEAD^2').trim(); // off the first-parent chain: git answers
    await expect(history.resolveRevision(side)).resolves.toBe(side);
    expect(await history.log({ from: side, limit: 5 })).toEqual(await walk.log({ from: side, limit: 5 }));
    const tree = git(gitdir, 'rev-parse', 'HEAD^{tree}').trim();
    for (const bad of [tree, '0'.repeat(40), 'HEAD', 'main', '../x', 'abc']) await expect(history.resolveRevision(bad)).resolves.toBeUndefined();
  });

  it('holds what git log reports, so an import can build it with the git CLI', async () => {
    const head = (await index.head())!;
    const indexed = await index.read(Array.from({ length: head.seq + 1 }, (_, i) => i));
    expect(gitLogIndex(gitdir)).toEqual(indexed);
  });

  it('rebuilds itself when the history was rewritten, and falls back to the walk when its files are damaged', async () => {
    const work = path.join(root, 'work');
    execFileSync('git', ['reset', '--quiet', '--hard', 'HEAD~2'], { cwd: work });
    fs.writeFileSync(path.join(work, 'rewritten.md'), 'new');
    execFileSync('git', ['add', '-A'], { cwd: work });
    execFileSync('git', ['commit', '--quiet', '-m', 'Rewritten'], { cwd: work });
    execFileSync('git', ['push', '--quiet', '--force', 'origin', 'HEAD:main'], { cwd: work, stdio: 'ignore' });
    expect(await history.log({ limit: 50 })).toEqual(await walk.log({ limit: 50 }));
    expect((await index.head())!.revision).toBe(git(gitdir, 'rev-parse', 'HEAD').trim());
    expect(await index.find(git(gitdir, 'rev-parse', 'HEAD').trim())).toHaveLength(1);

    fs.writeFileSync(path.join(root, 'wikis/alice/notes/history/commits.jsonl'), 'garbage\n'.repeat(100));
    expect(await history.log({ path: 'home.md', limit: 50 })).toEqual(await walk.log({ path: 'home.md', limit: 50 }));
    await history.sync({ verify: true }); // reconcile's repair: the damaged index is rebuilt whole
    expect(gitLogIndex(gitdir)).toEqual(await index.read(Array.from({ length: (await index.head())!.seq + 1 }, (_, i) => i)));
  });
});
