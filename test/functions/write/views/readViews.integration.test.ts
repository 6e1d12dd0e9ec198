import { parseFragment } from 'parse5';
import { htmlToText } from '../../../../shared/core/html';
import { tokenFor } from '../../../helpers/tokens';
import { startWriteStack } from '../../../helpers/writeStack';
import { ViewBrowser } from './browserClient';


const W = '/api/wikis/alice/notes';
const V = '/alice/notes/-';

/**
 * The read-only views through the real write handler (s3rver, dynalite, git on a temp dir):
 * history, diff, blame, source, a page at a revision, changelog and feeds, A–Z, sitemap, search;
 * their roles (the same as the API's), and that none is cacheable.
 */
/** The page's markup without its scripts (the shell's actions script names every action it may draw). */
const withoutScripts = (html: string) => html.replace(/<script>[\s\S]*?<\/script>/g, '');

describe('dynamic read-only views', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  let carol: string;
  let revisions: string[] = [];

  beforeAll(async () => {
    stack = await startWriteStack('views');
    [alice, bob, carol] = await Promise.all([tokenFor('alice'), tokenFor('bob'), tokenFor('carol')]);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' }, alice);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Secret', visibility: 'private' }, alice);
    await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'reader' }, alice);
    const versions = [
      '# Tea\n\nGreen tea is nice.\n\n## Brewing\n\nUse hot water.\n',
      '# Tea\n\nGreen tea is very nice.\n\n## Brewing\n\nUse hot water.\nWait three minutes.\n',
      '# Tea\n\nGreen tea is very nice. $e^{i\\pi}$ and [[Coffee]].\n\n## Brewing\n\nUse hot water.\nWait three minutes.\n',
    ];
    for (const [i, content] of versions.entries()) {
      const r = await stack.call('PUT', `${W}/pages/Drinks/Tea`, { content, message: `Tea <v${i + 1}>` }, alice);
      revisions.push(r.json.revision);
    }
    await stack.call('PUT', `${W}/pages/Coffee`, { content: '# Coffee\n\nStrong.\n' }, alice);
  });
  afterAll(() => stack.close());

  const anonymous = () => new ViewBrowser(stack.handler);

  it('history: author, date, message, and a "compare selected" form to the diff view', async () => {
    const r = await anonymous().get(`${V}/history/Drinks/Tea`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toContain('<h1 class="wb-view-title">History of Tea</h1>');
    expect(r.body).toContain('Tea &lt;v3&gt;');
    expect(r.body).toContain('alice person');
    expect(r.body).toContain('<form class="wb-history" method="get" action="/alice/notes/-/diff/Drinks/Tea">');
    expect(r.body.match(/name="from"/g)).toHaveLength(3);
    // Same shell as the read path: the site's header, sidebar fragment (pointing to the tree), stylesheet.
    expect(r.body).toContain('<span class="wb-site-name">Notes</span>');
    expect(r.body).toMatch(/<nav class="wb-sidebar" aria-label="Pages" data-base="\/alice\/notes" data-tree="\/alice\/notes\/-\/sidebar\/[0-9a-f]{20}">/);
    expect(r.body).not.toContain('<!--wb:');
    // Anonymous readers get a sign-in link, no Edit button.
    expect(r.body).toContain('href="/auth/login?return_to=%2Falice%2Fnotes%2F-%2Fhistory%2FDrinks%2FTea"');
    expect(withoutScripts(r.body)).not.toContain('wb-edit');
  });

  it('diff: side by side by default, unified on request, with changed words marked; from defaults to the parent', async () => {
    const split = await anonymous().get(`${V}/diff/Drinks/Tea?from=${revisions[0]}&to=${revisions[1]}`);
    expect(split.status).toBe(200);
    expect(split.body).toContain('wb-diff-split');
    expect(split.body).toContain('Green tea is <ins>very </ins>nice.');
    expect(split.body).toContain('<span class="wb-added">+2</span> <span class="wb-removed">−1</span>');
    expect(split.headers['x-robots-tag']).toBe('noindex, nofollow');
    const unified = await anonymous().get(`${V}/diff/Drinks/Tea?from=${revisions[0]!.slice(0, 7)}&to=${revisions[1]}&mode=unified`);
    expect(unified.body).toContain('wb-diff-unified');
    expect(unified.body).toContain('<tr class="wb-diff-add"><td class="wb-ln"></td><td class="wb-ln">8</td><td class="wb-diff-code">Wait three minutes.</td></tr>');
    const parent = await anonymous().get(`${V}/diff/Drinks/Tea?to=${revisions[2]}`);
    expect(parent.body).toContain('Green tea is very nice.<ins> $e^{i\\pi}$ and [[Coffee]].</ins>');
    // Bare: the page's own last change against its previous version, though Coffee was added since.
    const bare = await anonymous().get(`${V}/diff/Drinks/Tea`);
    expect(bare.body).toContain('Green tea is very nice.<ins> $e^{i\\pi}$ and [[Coffee]].</ins>');
    expect(bare.body).toContain(`/alice/notes/-/view/Drinks/Tea?revision=${revisions[2]}`);
    const created = await anonymous().get(`${V}/diff/Drinks/Tea?to=${revisions[0]}`);
    expect(created.body).toContain('<span class="wb-added">+7</span> <span class="wb-removed">−0</span>');
  });

  it('blame: each line with the commit that last changed it', async () => {
    const r = await anonymous().get(`${V}/blame/Drinks/Tea`);
    expect(r.status).toBe(200);
    const text = htmlToText(r.body);
    expect(text).toContain(revisions[2]!.slice(0, 7));
    const rows = [...r.body.matchAll(/<tr class="wb-blame-[ab][^"]*">(.*?)<\/tr>/g)].map((m) => m[1]!);
    const lineOf = (needle: string) => rows.findIndex((row) => row.includes(needle));
    // "Use hot water." comes from v1, "Wait three minutes." from v2; the header cell of each run names the commit.
    expect(rows.length).toBe(8);
    expect(lineOf('Use hot water.')).toBeGreaterThan(0);
    const header = (index: number) => rows.slice(0, index + 1).reverse().find((row) => row.includes('class="wb-rev"'))!;
    expect(header(lineOf('Use hot water.'))).toContain(revisions[0]!.slice(0, 7));
    expect(header(lineOf('Wait three minutes.'))).toContain(revisions[1]!.slice(0, 7));
    expect(header(lineOf('Green tea is very nice. $e'))).toContain(revisions[2]!.slice(0, 7));
  });

  it('source: numbered lines, and ?raw as text/plain; at a revision too', async () => {
    const html = await anonymous().get(`${V}/source/Drinks/Tea`);
    expect(html.body).toContain('<td class="wb-ln" id="L1">1</td><td class="wb-diff-code"># Tea</td>');
    const raw = await anonymous().get(`${V}/source/Drinks/Tea?raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(raw.body).toContain('[[Coffee]]');
    const old = await anonymous().get(`${V}/source/drinks/tea?raw&revision=${revisions[0]}`);
    expect(old.body).toBe('# Tea\n\nGreen tea is nice.\n\n## Brewing\n\nUse hot water.\n');
  });

  it('a page at a revision: rendered by the real renderer, marked noindex', async () => {
    const r = await anonymous().get(`${V}/view/Drinks/Tea?revision=${revisions[2]}`);
    expect(r.status).toBe(200);
    expect(r.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(r.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(r.body).toContain('You are reading an old revision');
    expect(r.body).toContain('class="katex"');
    expect(r.body).toContain('href="/alice/notes/Coffee"');
    expect(r.body).toContain('<a href="#brewing">Brewing</a>');
    const latest = await anonymous().get(`${V}/view/Drinks/Tea`);
    expect([latest.status, latest.headers.location]).toEqual([303, '/alice/notes/Drinks/Tea']);
  });

  it('changelog: paginated, with the files of each commit, and RSS and Atom feeds', async () => {
    const r = await anonymous().get(`${V}/changelog`);
    expect(r.body).toContain('Tea &lt;v2&gt;');
    expect(r.body).toContain('Initial commit');
    expect(r.body).toContain('type="application/rss+xml"');
    const rss = await anonymous().get(`${V}/changelog/feed.rss`);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body).toContain('<title>Tea &lt;v3&gt;</title>');
    expect(rss.body).toContain(`<link>http://localhost/alice/notes/-/commit?revision=${revisions[2]}</link>`);
    const atom = await anonymous().get(`${V}/changelog/feed.atom`);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body.match(/<entry>/g)).toHaveLength(5);
  });

  it('commit: the message and a diff per file', async () => {
    const r = await anonymous().get(`${V}/commit?revision=${revisions[1]}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('drinks/tea.md');
    expect(r.body).toContain('Wait three minutes.');
    expect(r.body).not.toContain('Revert this commit'); // anonymous
  });

  it('A–Z index from the page index, with a headings toggle; sitemap.xml', async () => {
    const plain = await anonymous().get(`${V}/index`);
    expect(plain.status).toBe(200);
    expect(plain.body).toContain('<a href="/alice/notes/drinks/tea">Tea</a>');
    expect(plain.body).toContain('<span>Drinks</span>');
    expect(plain.body).not.toContain('wb-az-headings');
    expect(plain.body).toContain('href="/alice/notes/-/index?headings=1"');
    // Where the sidebar's folders without a page lead: the pages under that folder.
    const folder = await anonymous().get(`${V}/index?folder=Drinks/`);
    expect(folder.status).toBe(200);
    expect(folder.body).toContain('<a href="/alice/notes/drinks/tea">Tea</a>');
    expect(folder.body).not.toContain('<a href="/alice/notes/coffee">Coffee</a>');
    expect(plain.body).toContain('<a href="/alice/notes/coffee">Coffee</a>');
    expect(folder.body).toContain('1 page in drinks/');
    expect(folder.body).toContain('href="/alice/notes/-/index?folder=drinks&amp;headings=1"');
    const headings = await anonymous().get(`${V}/index?headings=1`);
    expect(headings.body).toContain('<a href="/alice/notes/drinks/tea#brewing">Brewing</a>');
    const sitemap = await anonymous().get(`${V}/sitemap.xml`);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(sitemap.body).toContain('<loc>http://localhost/alice/notes/</loc>');
    expect(sitemap.body).toContain('<loc>http://localhost/alice/notes/drinks/tea</loc>');
  });

  it('search: ranked results with marked snippets, options kept, bad regex explained', async () => {
    const r = await anonymous().get(`${V}/search?q=green`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('href="/alice/notes/drinks/tea"');
    expect(r.body).toContain('<mark>');
    expect(r.body).toContain('1 page match <strong>green</strong>');
    const empty = await anonymous().get(`${V}/search`);
    expect(empty.body).toContain('name="q"');
    const bad = await anonymous().get(`${V}/search?q=(&regex=1`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('wb-notice-error');
    expect(bad.body).toContain('name="regex" value="1" checked');
  });

  it('private wikis: anonymous GETs go to sign-in, non-members get 403, members read', async () => {
    const anon = await anonymous().get('/alice/secret/-/history/home');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/auth/login?return_to=%2Falice%2Fsecret%2F-%2Fhistory%2Fhome');
    const stranger = await new ViewBrowser(stack.handler, carol).get('/alice/secret/-/changelog');
    expect(stranger.status).toBe(403);
    expect(stranger.body).not.toContain('Secret');
    const member = await new ViewBrowser(stack.handler, bob).get('/alice/secret/-/changelog');
    expect(member.status).toBe(200);
    expect(member.body).toContain('Initial commit');
    // A reader: the menu, but no Edit button or editor tools.
    const page = await new ViewBrowser(stack.handler, bob).get('/alice/secret/-/history/home');
    expect(page.body).toContain('Signed in as <strong>bob</strong>');
    expect(withoutScripts(page.body)).not.toMatch(/wb-edit|-\/rename\/|-\/create|-\/settings|-\/members/);
  });

  it('bad input: unknown pages, revisions, views and methods are 4xx pages, never 500', async () => {
    const cases: [string, number][] = [
      [`${V}/history/Nope`, 404], [`${V}/diff/Drinks/Tea?from=zzzz`, 400], [`${V}/diff/Drinks/Tea?from=abcdef0`, 404],
      [`${V}/source/..%2F..%2Fetc`, 400], [`${V}/blame/Nope`, 404], [`${V}/unknown-view`, 404], ['/alice/nowiki/-/changelog', 404],
      [`${V}/commit`, 400], [`${V}/view/Drinks/Tea?revision=${'0'.repeat(40)}`, 404],
    ];
    for (const [path, status] of cases) {
      const r = await anonymous().get(path);
      expect([path, r.status]).toEqual([path, status]);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const post = await new ViewBrowser(stack.handler, alice).post(`${V}/history/Drinks/Tea`, {});
    expect([post.status, post.headers.allow]).toEqual([405, 'GET']);
  });

  it('every view is a whole, parseable HTML page in the wiki\'s shell; editors get the Edit button on page views', async () => {
    const history = await new ViewBrowser(stack.handler, alice).get(`${V}/history/Drinks/Tea`);
    expect(history.body).toContain('<a class="wb-button wb-button-primary wb-edit" href="/alice/notes/-/edit/Drinks/Tea">');
    for (const path of [`${V}/history/Drinks/Tea`, `${V}/changelog`, `${V}/index`, `${V}/search?q=tea`, `${V}/blame/Drinks/Tea`]) {
      const r = await new ViewBrowser(stack.handler, alice).get(path);
      expect(r.body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(parseFragment(r.body)).toBeDefined();
      expect(r.body).not.toContain('<!--wb:');
      expect(r.body).toContain('Signed in as <strong>alice</strong>');
    }
  });
});
