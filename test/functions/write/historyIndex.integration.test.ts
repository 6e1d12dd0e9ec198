import * as fs from 'node:fs';
import * as path from 'node:path';
import { reconcileWiki } from '../../../functions/backfill/reconcile';
import { backfillDeps } from '../../../functions/backfill/wiring';
import { fileCommitIndexProvider } from '../../../shared/adapters/fileCommitIndex';
import { gitLogIndex } from '../../../tools/gitLogIndex';
import { git } from '../../helpers/git';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

/**
 * The history index through the write function (real s3rver, dynalite and git CLI): every commit
 * the API makes is indexed before the response, and commits made with the git CLI are indexed by
 * the first request that reads history.
 */
describe('write function › history index', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  const id = { user: 'alice', wiki: 'indexed' };
  const W = '/api/wikis/alice/indexed';
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/alice/indexed/repo.git');
  const index = () => fileCommitIndexProvider({ fs, root: stack.config.dataDir }).open(id);
  /** The indexed head and the newest indexed commit's files, read from the index files alone. */
  const indexed = async () => {
    const head = (await index().head())!;
    return { revision: head.revision, files: (await index().read([head.seq]))[0]!.files };
  };
  const gitHead = () => git(gitdir(), 'rev-parse', 'HEAD').trim();
  const gitFiles = () => git(gitdir(), 'diff-tree', '--no-commit-id', '--name-only', '-r', '--no-renames', 'HEAD').trim().split('\n').sort();

  beforeAll(async () => {
    stack = await startWriteStack('history-index');
    alice = await tokenFor('alice');
    expect((await stack.call('POST', '/api/wikis', { ...id, title: 'Indexed' }, alice)).statusCode).toBe(201);
  }, 60_000);
  afterAll(() => stack.close());

  it('indexes the first commit of a new wiki', async () => {
    expect(await indexed()).toEqual({ revision: gitHead(), files: ['home.md'] });
  });

  it('indexes save, attachment, rename and delete commits as they land', async () => {
    const steps: [string, () => Promise<{ statusCode?: number }>][] = [
      ['save', () => stack.call('PUT', `${W}/pages/Guide`, { content: '# Guide\n\nv1' }, alice)],
      ['attachment', () => stack.call('PUT', `${W}/pages/Guide/-/attachments/a.png`, undefined, alice, { raw: Buffer.from('PNG'), headers: { 'content-type': 'image/png' } })],
      ['rename', () => stack.call('POST', `${W}/pages/Guide/-/rename`, { newPath: 'Docs/Guide' }, alice)],
      ['delete', () => stack.call('DELETE', `${W}/pages/Docs/Guide`, undefined, alice)],
    ];
    for (const [what, request] of steps) {
      const before = gitHead();
      expect([200, 201]).toContain((await request()).statusCode);
      expect(gitHead()).not.toBe(before);
      // Right after the response, before any read: the commit is in the index with git's file list.
      expect({ what, ...(await indexed()) }).toEqual({ what, revision: gitHead(), files: gitFiles() });
    }
  });

  it('indexes a commit pushed with the git CLI when history is first read, and serves it', async () => {
    const work = path.join(stack.peers.dir, 'clone');
    const run = (...args: string[]) => git(path.join(work, '.git'), `--work-tree=${work}`, ...args);
    git(gitdir(), 'clone', '--quiet', gitdir(), work);
    fs.writeFileSync(path.join(work, 'pushed.md'), '# Pushed\n\nFrom the CLI.');
    run('add', '-A');
    run('-c', 'user.name=Carol', '-c', 'user.email=carol@example.com', 'commit', '--quiet', '-m', 'Pushed with git');
    run('push', '--quiet', 'origin', 'HEAD');
    const pushed = gitHead();
    expect((await indexed()).revision).not.toBe(pushed);

    const changelog = await stack.call('GET', `${W}/changelog`, undefined, alice, { query: 'limit=1' });
    expect(changelog.statusCode).toBe(200);
    expect(JSON.stringify(changelog.json)).toContain('Pushed with git');
    expect(await indexed()).toEqual({ revision: pushed, files: ['pushed.md'] });
    const history = await stack.call('GET', `${W}/pages/Pushed/-/history`, undefined, alice);
    expect(history.statusCode).toBe(200);
    expect(JSON.stringify(history.json)).toContain(pushed);
  });

  it('is brought up to date by reconcile (backfill) when commits were pushed and nobody read history', async () => {
    const work = path.join(stack.peers.dir, 'clone');
    const run = (...args: string[]) => git(path.join(work, '.git'), `--work-tree=${work}`, ...args);
    run('pull', '--quiet', '--ff-only');
    for (const n of [1, 2, 3]) {
      fs.writeFileSync(path.join(work, `batch ${n}.md`), `# Batch ${n}`);
      run('add', '-A');
      run('-c', 'user.name=Carol', '-c', 'user.email=carol@example.com', 'commit', '--quiet', '-m', `Batch ${n}`);
    }
    run('push', '--quiet', 'origin', 'HEAD');
    const before = (await index().head())!;
    const deps = backfillDeps(stack.config);
    try {
      const result = await reconcileWiki(deps, id);
      expect(result.failed).toEqual([]);
    } finally {
      deps.close();
    }
    expect(await index().head()).toEqual({ revision: gitHead(), seq: before.seq + 3 });
    expect((await index().read([before.seq + 1, before.seq + 2, before.seq + 3])).map((c) => c.files)).toEqual([['batch 1.md'], ['batch 2.md'], ['batch 3.md']]);
  });

  it('holds every commit once, in chain order, after racing saves', async () => {
    const saves = await Promise.all(Array.from({ length: 12 }, (_, n) =>
      stack.call('PUT', `${W}/pages/Race ${n % 4}`, { content: `# Race\n\nwriter ${n}` }, alice)));
    expect(saves.map((r) => r.statusCode).filter((code) => code !== 200 && code !== 201)).toEqual([]);
    const head = (await index().head())!;
    expect(head.revision).toBe(gitHead());
    expect(await index().read(Array.from({ length: head.seq + 1 }, (_, i) => i))).toEqual(gitLogIndex(gitdir()));
  });
});
