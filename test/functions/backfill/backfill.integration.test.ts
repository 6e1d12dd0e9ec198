import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { runBackfill, type BackfillProgress } from '../../../functions/backfill/backfill';
import { fileCheckpoint } from '../../../functions/backfill/checkpoint';
import { reconcileWiki } from '../../../functions/backfill/reconcile';
import { backfillDeps } from '../../../functions/backfill/wiring';
import { createWriteHandler, productionDeps } from '../../../functions/write/app';
import { Publisher } from '../../../functions/write/publisher';
import { parseSessionKeys } from '../../../shared/auth/sessionKeys';
import { decodeContentFragment, encodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { event } from '../../helpers/events';
import { git } from '../../helpers/git';
import { tempDir } from '../../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS, tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';
import { publishedTree } from '../../helpers/sidebarTree';
import { decodeSidebarFragment } from '../../../shared/core/fragments/sidebarEnvelope';

const alice = { user: 'alice', wiki: 'notes' };
const bob = { user: 'bob', wiki: 'docs' };
const PAGES = ['Ideas', 'Docs/Setup', 'Docs/Deep/Inner', 'Reference', 'Todo'];

describe('reconcile and backfill (s3rver + dynalite + git)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let deps: ReturnType<typeof backfillDeps>;
  let dir: string;
  const put = (key: string, body: string) => deps.blobs.put(key, body, { contentType: 'text/html; charset=utf-8' });
  const fragment = async (key: string) => {
    const out = await stack.peers.s3Client.send(new GetObjectCommand({ Bucket: stack.peers.bucket, Key: key }));
    return decodeContentFragment(await out.Body!.transformToString());
  };
  const gitdir = (id: { user: string; wiki: string }) => path.join(stack.config.dataDir, `wikis/${id.user}/${id.wiki}/repo.git`);
  const blobOf = (id: { user: string; wiki: string }, file: string) => git(gitdir(id), 'rev-parse', `HEAD:${file}`).trim();
  const quiet: BackfillProgress = { start() {}, page() {}, wiki() {}, stop() {} };

  beforeAll(async () => {
    stack = await startWriteStack('backfill');
    dir = tempDir('wikibot-backfill-');
    deps = backfillDeps(stack.config);
    for (const id of [alice, bob]) {
      const token = await tokenFor(id.user);
      expect((await stack.call('POST', '/api/wikis', { ...id, title: `${id.user} wiki` }, token)).statusCode).toBe(201);
      for (const page of PAGES) {
        const r = await stack.call('PUT', `/api/wikis/${id.user}/${id.wiki}/pages/${page}`, { content: `# ${page}\n\nAbout ${page}.` }, token);
        expect(r.statusCode).toBe(201);
      }
    }
  }, 60_000);
  afterAll(async () => {
    deps.close();
    await stack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('skips every page whose fragment records the blob git has', async () => {
    const summary = await runBackfill(deps, { wikis: 'all', progress: quiet });
    expect(summary).toMatchObject({ wikis: 2, pages: 12, published: 0, skipped: 12, deleted: 0, failed: [], complete: true });
  });

  it('repairs a save whose publish failed: the commit stood, reconcile publishes it', async () => {
    // The write function with a bucket that refuses every PUT.
    const failing = new Publisher({ ...deps.blobs, put: () => Promise.reject(new Error('S3 is down')) });
    const handler = createWriteHandler({
      deps: { ...productionDeps(stack.config), publisher: failing, log: () => undefined },
      sessionKeys: parseSessionKeys(TEST_KEYS_SETTING),
      ...TOKEN_OPTIONS,
    });
    const response = await handler(event('PUT', '/api/wikis/alice/notes/pages/Ideas', {
      body: JSON.stringify({ content: '# Ideas\n\nVersion two.' }),
      headers: { authorization: `Bearer ${await tokenFor('alice')}` },
    }));
    const reply = JSON.parse(response.body as string) as { revision: string; unpublished: string[] };
    expect(response.statusCode).toBe(200);
    expect(reply.unpublished.length).toBeGreaterThan(0);
    expect(git(gitdir(alice), 'rev-parse', 'HEAD').trim()).toBe(reply.revision);
    expect((await fragment('fragments/alice/notes/pages/ideas.html')).html).not.toContain('Version two');

    const result = await reconcileWiki(deps, { ...alice, title: 'alice wiki' });
    expect(result).toMatchObject({ pages: 6, published: 1, skipped: 5, failed: [], complete: true });
    const repaired = await fragment('fragments/alice/notes/pages/ideas.html');
    expect(repaired.html).toContain('Version two');
    expect(repaired.meta?.blob).toBe(blobOf(alice, 'ideas.md'));
  });

  it('publishes missing and stale fragments, the shell and sidebar, and deletes fragments of pages gone from git', async () => {
    const prefix = 'fragments/alice/notes';
    await deps.blobs.delete(`${prefix}/pages/reference.html`);
    await deps.blobs.delete(`${prefix}/sidebar.html`);
    await put(`${prefix}/pages/todo.html`, encodeContentFragment({ title: 'Todo', toc: [], libraries: [], blob: '0'.repeat(40) }, '<p>old</p>'));
    await put(`${prefix}/pages/gone.html`, encodeContentFragment({ title: 'Gone', toc: [], libraries: [], blob: '1'.repeat(40) }, '<p>gone</p>'));
    await put(`${prefix}/pages/docs/removed.html`, '<p>no envelope</p>');
    // A page and an attachment committed straight to git (as by the git CLI), never published,
    // and an attachment object whose file left git.
    await deps.repos.open(alice).commit({
      changes: [
        { path: 'docs/direct.md', content: new TextEncoder().encode('# Direct\n\nFrom git.') },
        { path: 'docs/direct/Notes.txt', content: new TextEncoder().encode('attached') },
      ],
      message: 'Added docs/direct.', author: { name: 'Alice', email: 'a@x' },
    });
    await deps.blobs.put('attachments/alice/notes/docs/gone/old.txt', 'old', { contentType: 'text/plain' });
    // A page tree no sidebar fragment lists (two publishes raced): reconcile takes it up so it expires.
    const orphanTree = `${prefix}/sidebars/${'f'.repeat(20)}.html`;
    await put(orphanTree, '<ul class="wb-tree"></ul>');

    const summary = await runBackfill(deps, { wikis: [alice], progress: quiet });
    expect(summary).toMatchObject({ wikis: 1, pages: 7, published: 3, skipped: 4, deleted: 3, failed: [], complete: true });
    await expect(deps.blobs.getText('attachments/alice/notes/docs/direct/Notes.txt')).resolves.toBe('attached');
    await expect(deps.blobs.list('attachments/alice/notes/')).resolves.toEqual(['attachments/alice/notes/docs/direct/Notes.txt']);
    for (const [key, file] of [['reference', 'reference.md'], ['todo', 'todo.md'], ['docs/direct', 'docs/direct.md']] as const) {
      expect((await fragment(`${prefix}/pages/${key}.html`)).meta?.blob).toBe(blobOf(alice, file));
    }
    await expect(deps.blobs.getText(`${prefix}/pages/gone.html`)).resolves.toBeUndefined();
    await expect(deps.blobs.getText(`${prefix}/pages/docs/removed.html`)).resolves.toBeUndefined();
    expect(await publishedTree((k) => deps.blobs.getText(k), prefix)).toContain('data-key="docs/direct"');
    const { meta: sidebarMeta } = decodeSidebarFragment((await deps.blobs.getText(`${prefix}/sidebar.html`))!);
    expect(sidebarMeta.superseded?.map((t) => t.hash)).toContain('f'.repeat(20));
    await expect(deps.blobs.getText(orphanTree)).resolves.toBeDefined();
    // bob's wiki was out of scope and is untouched.
    await expect(deps.blobs.getText('fragments/bob/docs/pages/ideas.html')).resolves.toBeDefined();
  });

  it('--force republishes everything', async () => {
    const summary = await runBackfill(deps, { wikis: 'all', force: true, progress: quiet });
    expect(summary).toMatchObject({ wikis: 2, pages: 13, published: 13, skipped: 0, complete: true });
  });

  it('resumes after an interruption from its checkpoint, and forgets it once done', async () => {
    const checkpoint = fileCheckpoint(fs, path.join(dir, 'checkpoint.json'));
    let pages = 0;
    const counting: BackfillProgress = { ...quiet, page: () => void pages++ };
    // Stops after 9 pages: alice (7) done, bob under way.
    const first = await runBackfill(deps, {
      wikis: 'all', force: true, checkpoint, concurrency: 1, progress: counting, shouldStop: () => pages >= 9,
    });
    expect(first.complete).toBe(false);
    const saved = await checkpoint.load();
    expect(saved).toMatchObject({ scope: 'all', force: true, done: ['alice/notes'], current: { wiki: 'bob/docs', after: 'docs/setup.md' } });

    const second = await runBackfill(deps, { wikis: 'all', force: true, checkpoint, progress: quiet });
    expect(second).toMatchObject({ complete: true, resumedPastWikis: 1, wikis: 1, published: 4, pages: 4 });
    await expect(checkpoint.load()).resolves.toBeUndefined();
    // Another scope or mode does not pick up someone else's checkpoint.
    await checkpoint.save({ ...saved!, scope: 'bob/docs' });
    const other = await runBackfill(deps, { wikis: 'all', checkpoint, progress: quiet });
    expect(other).toMatchObject({ complete: true, resumedPastWikis: 0, wikis: 2 });
  });

  it('runs as `npm run backfill` (the CLI) against a given stage', async () => {
    const { main } = await import('../../../tools/backfill');
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main([
        '--wiki', 'bob/docs', '--force', '--workers', '2', '--checkpoint', path.join(dir, 'cli.json'),
        '--bucket', stack.config.bucket, '--table', stack.config.tenantsTable, '--data-dir', stack.config.dataDir,
        '--s3-endpoint', stack.config.s3Endpoint!, '--dynamo-endpoint', stack.config.dynamoEndpoint!,
      ]);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/^1 wiki, 6 pages published, 0 unchanged, 0 stale fragments deleted in [\d.]+ s \((1 page|\d+ pages)\/s\)$/);
    await expect(main(['--all', '--wiki', 'bob/docs'])).rejects.toThrow('--wiki');
  });

  it('keeps its checkpoint in the data dir it was given, and creates no ./.data beside the code', async () => {
    const { defaultCheckpointFile, main } = await import('../../../tools/backfill');
    const { ROOT } = await import('../../../tools/storageConfig');
    expect(defaultCheckpointFile('/mnt/efs')).toBe('/mnt/efs/backfill-checkpoint.json');
    const hadDotData = fs.existsSync(path.join(ROOT, '.data'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main([
        '--wiki', 'bob/docs', '--workers', '0',
        '--bucket', stack.config.bucket, '--table', stack.config.tenantsTable, '--data-dir', stack.config.dataDir,
        '--s3-endpoint', stack.config.s3Endpoint!, '--dynamo-endpoint', stack.config.dynamoEndpoint!,
      ]);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    expect(fs.existsSync(path.join(ROOT, '.data'))).toBe(hadDotData);
    expect(fs.existsSync(defaultCheckpointFile(stack.config.dataDir))).toBe(false);
  });

  it('runs as the backfill Lambda function', async () => {
    const env = {
      BUCKET: stack.config.bucket, TENANTS_TABLE: stack.config.tenantsTable, DATA_DIR: stack.config.dataDir,
      S3_ENDPOINT: stack.config.s3Endpoint, DYNAMODB_ENDPOINT: stack.config.dynamoEndpoint, AWS_REGION: stack.config.region,
    };
    Object.assign(process.env, env);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { handler } = await import('../../../functions/backfill/handler');
      const summary = await handler({ wiki: 'alice/notes' }, { getRemainingTimeInMillis: () => 600_000 });
      expect(summary).toMatchObject({ wikis: 1, pages: 7, published: 0, skipped: 7, complete: true });
      await expect(deps.blobs.getText('internal/backfill-checkpoint.json')).resolves.toBeUndefined();
    } finally {
      log.mockRestore();
      for (const name of Object.keys(env)) delete process.env[name];
    }
  });
});
