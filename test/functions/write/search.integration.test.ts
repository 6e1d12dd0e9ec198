import * as fs from 'node:fs';
import * as path from 'node:path';
import { efsPageIndexProvider } from '../../../shared/adapters/efsPageIndex';
import { gitHistoryProvider } from '../../../shared/adapters/gitWikiHistory';
import { gitRepoProvider } from '../../../shared/adapters/gitWikiRepo';
import { sqlWikiDbProvider } from '../../../shared/adapters/sqlWikiDb';
import { systemClock } from '../../../shared/ports/clock';
import { pageIndexReconciler } from '../../../functions/write/pageIndexing';
import { buildWriterBundle, spawnWriter } from '../../helpers/childWriters';
import { tempDir } from '../../helpers/peers';
import { tokenFor } from '../../helpers/tokens';
import { contentOf } from '../../helpers/writerContent';
import { startWriteStack } from '../../helpers/writeStack';

const W = '/api/wikis/alice/find';

describe('search: GET /api/wikis/{user}/{wiki}/search and the page index behind it', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  const indexDir = (wiki = 'find') => path.join(stack.config.dataDir, 'wikis/alice', wiki, 'page-index');
  const put = (page: string, content: string, wiki = 'find') =>
    stack.call('PUT', `/api/wikis/alice/${wiki}/pages/${encodeURI(page)}`, { content }, alice);
  const search = async (query: string, token?: string, wiki = 'find') => stack.call('GET', `/api/wikis/alice/${wiki}/search`, undefined, token, { query });
  const paths = async (query: string) => {
    const res = await search(query);
    expect(res.statusCode).toBe(200);
    return res.json.hits.map((h: any) => h.path);
  };

  beforeAll(async () => {
    stack = await startWriteStack('search');
    alice = await tokenFor('alice');
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'find', title: 'Find' }, alice)).statusCode).toBe(201);
  });
  afterAll(() => stack.close());

  it('a new wiki starts with its index', async () => {
    expect(fs.existsSync(path.join(indexDir(), 'head.json'))).toBe(true);
    expect(await paths('q=welcome')).toEqual(['home']);
  });

  it('finds pages by their words with ranked hits, marked titles and escaped snippets', async () => {
    await put('Gardening/Tomatoes', '# Growing Tomatoes\n\nTomatoes need sun. Water the <tomato> plants daily.\n');
    await put('Gardening/Basil', '# Basil\n\nBasil grows well next to tomatoes.\n');
    await put('Cooking', '# Cooking\n\nA sauce of tomatoes and basil.\n');
    const res = await search('q=tomatoes');
    expect(res.statusCode).toBe(200);
    expect(res.headers!['cache-control']).toBe('no-store');
    expect(res.json).toMatchObject({ query: { q: 'tomatoes', matchCase: false, regex: false }, total: 3, complete: true });
    expect(res.json.searched).toBe(4);
    const [first] = res.json.hits;
    expect(first).toMatchObject({
      path: 'gardening/tomatoes', key: 'gardening/tomatoes', title: 'Growing Tomatoes', titleHtml: 'Growing <mark>Tomatoes</mark>',
      url: '/alice/find/gardening/tomatoes', size: expect.any(Number), updated: expect.stringMatching(/^\d{4}-/),
    });
    expect(first.snippets).toContain('<mark>Tomatoes</mark> need sun. Water the &lt;tomato&gt; plants daily.');
    expect(await paths('q=basil+tomatoes')).toEqual(expect.arrayContaining(['gardening/basil', 'cooking']));
    expect(await paths('q=%22tomatoes+and+basil%22')).toEqual(['cooking']);
  });

  it('has case and regex options like Otter Wiki', async () => {
    await put('Case', 'MixedCase words here\n');
    expect(await paths('q=mixedcase')).toEqual(['case']);
    expect(await paths('q=mixedcase&case=true')).toEqual([]);
    expect(await paths('q=MixedCase&case=1')).toEqual(['case']);
    const res = await search(`q=${encodeURIComponent('^Tomatoes \\w+ sun')}&regex=true`);
    expect(res.json.hits.map((h: any) => h.path)).toEqual(['gardening/tomatoes']);
    expect(res.json.hits[0].snippets[0]).toBe('<mark>Tomatoes need sun</mark>. Water the &lt;tomato&gt; plants daily.');
    expect(await paths(`q=${encodeURIComponent('(a+)+$')}&regex=true`)).toEqual(expect.any(Array));
  });

  it('follows every save: update, rename (with backlinks) and delete', async () => {
    await put('Cooking', '# Cooking\n\nNow about pumpkin soup.\n');
    expect(await paths('q=sauce')).toEqual([]);
    expect(await paths('q=pumpkin')).toEqual(['cooking']);
    await put('Links', 'See [[Cooking]] for pumpkin.\n');
    const renamed = await stack.call('POST', `${W}/pages/Cooking/-/rename`, { newPath: 'Kitchen/Recipes', updateBacklinks: true }, alice);
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json.unpublished).toEqual([]);
    expect((await paths('q=pumpkin+soup'))).toEqual(['kitchen/recipes']);
    expect(await paths('q=Kitchen%2FRecipes')).toEqual(expect.arrayContaining(['links', 'kitchen/recipes']));
    const deleted = await stack.call('DELETE', `${W}/pages/Kitchen/Recipes`, undefined, alice);
    expect(deleted.statusCode).toBe(200);
    expect(await paths('q=pumpkin+soup')).toEqual([]);
  });

  it('answers 400 for bad queries and checks the reader role', async () => {
    for (const query of ['', 'q=', 'q=%20', 'q=x&case=maybe', 'q=x&limit=0', 'q=x&limit=201', 'q=x&sort=new', `q=${encodeURIComponent('(')}&regex=true`, `q=${'x'.repeat(501)}`]) {
      const res = await search(query);
      expect([query, res.statusCode, res.json.error.code]).toEqual([query, 400, 'invalid_input']);
    }
    expect((await search('q=x&limit=1')).statusCode).toBe(200);
    expect((await stack.call('GET', '/api/wikis/alice/nothere/search', undefined, undefined, { query: 'q=x' })).statusCode).toBe(404);
    expect((await stack.call('POST', `${W}/search`, undefined, alice, { query: 'q=x' })).statusCode).toBe(405);

    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'secret', visibility: 'private' }, alice)).statusCode).toBe(201);
    await put('Plans', 'the hidden plans\n', 'secret');
    expect((await search('q=hidden', undefined, 'secret')).statusCode).toBe(401);
    expect((await search('q=hidden', await tokenFor('bob'), 'secret')).statusCode).toBe(403);
    await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'reader' }, alice);
    const bob = await search('q=hidden', await tokenFor('bob'), 'secret');
    expect(bob.json.hits.map((h: any) => h.path)).toEqual(['plans']);
  });

  it('builds a missing index on first use, and rebuilds when title settings change', async () => {
    fs.rmSync(indexDir(), { recursive: true });
    // A rejected request writes nothing: no index is built for a bad query.
    expect((await search(`q=${encodeURIComponent('[')}&regex=true`)).statusCode).toBe(400);
    expect(fs.existsSync(indexDir())).toBe(false);
    expect(await paths('q=basil')).toEqual(expect.arrayContaining(['gardening/basil']));
    expect(fs.existsSync(path.join(indexDir(), 'head.json'))).toBe(true);

    await put('snake_case_page', 'no heading, underscores in the name\n');
    expect((await search('q=underscores')).json.hits[0].title).toBe('Snake_Case_Page');
    const patched = await stack.call('PATCH', W, { settings: { TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: true } }, alice);
    expect(patched.statusCode).toBe(200);
    expect((await search('q=underscores')).json.hits[0].title).toBe('Snake Case Page');
  });

  it('reconcile repairs an index that missed commits, and compacts it', async () => {
    const id = { user: 'alice', wiki: 'find' };
    const repos = gitRepoProvider({ fs, root: stack.config.dataDir, clock: systemClock });
    const pageIndex = efsPageIndexProvider({ fs, root: stack.config.dataDir });
    const reconciler = pageIndexReconciler({ repos, history: gitHistoryProvider({ fs, root: stack.config.dataDir }), pageIndex });
    const repo = repos.open(id);
    // A commit that bypasses the write function (and so the index).
    await repo.commit({
      changes: [{ path: 'sneaky.md', content: new TextEncoder().encode('# Sneaky\n\nwritten behind the index\n') }, { path: 'gardening/basil.md', content: null }],
      message: 'behind the back', author: { name: 'x', email: 'x@example.com' },
    });
    expect(await paths('q=sneaky')).toEqual([]);
    const prefs = await sqlWikiDbProvider({ fs, root: stack.config.dataDir }).open(id).preferences();
    const result = await reconciler.reconcile(id, { revision: await repo.head(), entries: await repo.listBlobs(), prefs });
    expect(result).toBe('repaired');
    expect(await paths('q=sneaky')).toEqual(['sneaky']);
    expect(await paths('q=basil')).not.toContain('gardening/basil');
    expect((await pageIndex.open(id).status()).segments).toBe(0);
    expect(await reconciler.reconcile(id, { revision: await repo.head(), entries: await repo.listBlobs(), prefs: {} })).toBe('rebuilt'); // other settings
  });
});

describe('search index under concurrent saves from several OS processes', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let bundleDir: string;
  let bundle: string;
  const id = { user: 'race', wiki: 'index' };

  beforeAll(async () => {
    bundleDir = tempDir('wikibot-writer-');
    [stack, bundle] = await Promise.all([startWriteStack('search-race'), buildWriterBundle(bundleDir)]);
    expect((await stack.call('POST', '/api/wikis', { user: id.user, wiki: id.wiki }, await tokenFor(id.user))).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  });

  it('ends with every page indexed as last written', async () => {
    const PROCESSES = 3;
    const SAVES = 8;
    const PAGES = 3;
    const token = await tokenFor(id.user);
    const writers = Array.from({ length: PROCESSES }, (_, proc) => spawnWriter(bundle, {
      WRITER_USER: id.user, WRITER_WIKI: id.wiki, WRITER_INDEX: String(proc), WRITER_SAVES: String(SAVES),
      WRITER_PAGES: String(PAGES), WRITER_TOKEN: token, WRITER_CONFIG: JSON.stringify(stack.config),
    }));
    await Promise.all(writers.map((w) => w.waitFor((line) => line === 'ready')));
    for (const w of writers) w.child.stdin.end('go\n');
    for (const exit of await Promise.all(writers.map((w) => w.exited))) expect(exit).toMatchObject({ code: 0, stderr: '' });
    const results = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { unpublished: string[] }));
    expect(results.flatMap((r) => r.unpublished)).toEqual([]);

    const index = efsPageIndexProvider({ fs, root: stack.config.dataDir }).open(id);
    const repo = gitRepoProvider({ fs, root: stack.config.dataDir, clock: systemClock }).open(id);
    const blobs = new Map((await repo.listBlobs()).map((b) => [b.path.slice(0, -3), b.blob]));
    const listed = await index.list();
    expect(listed.map((p) => [p.path, p.blob])).toEqual([...blobs].sort(([a], [b]) => (a < b ? -1 : 1)));
    for (let proc = 0; proc < PROCESSES; proc++) {
      for (let page = 0; page < PAGES; page++) {
        const last = SAVES - 1 - ((SAVES - 1 - page) % PAGES);
        const found = await index.search({ text: `"${contentOf(proc, last).split('\n').find((l) => l.startsWith('Save'))}"` });
        expect(found.hits.map((h) => h.page.path)).toEqual([`proc ${proc}/page ${page}`]);
      }
    }
  }, 120_000);
});
