import { createAssembleHandler } from '../../../functions/assemble/assemble';
import { loadAssembleConfig } from '../../../functions/assemble/config';
import { assembleDeps } from '../../../functions/assemble/deps';
import { event } from '../../helpers/events';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

describe('assemble function (s3rver)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let assemble: ReturnType<typeof createAssembleHandler>;
  const logs: Record<string, unknown>[] = [];
  const get = (path: string, method = 'GET') => assemble(event(method, path));

  beforeAll(async () => {
    stack = await startWriteStack('assemble');
    // The production wiring: the signed-GET reader the handler uses, pointed at s3rver.
    const config = loadAssembleConfig({ BUCKET: stack.peers.bucket, S3_ENDPOINT: stack.peers.s3.endpoint });
    assemble = createAssembleHandler(assembleDeps(config, (e) => logs.push(e)));
    const alice = await tokenFor('alice');
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Alice <Notes>' }, alice);
    await stack.call('PUT', '/api/wikis/alice/notes/pages/Docs/Intro', {
      content: '# Intro & more\n\n## Part one\n\n## Part two\n\nSee [[Home]].',
    }, alice);
  });
  afterAll(() => stack.close());

  it('stitches shell, sidebar and content into one page that CloudFront may keep 30 s', async () => {
    const response = await get('/alice/notes/Docs/Intro');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=0, s-maxage=30',
    });
    const html = response.body as string;
    expect(html).toContain('<title>Intro &amp; more · Alice &lt;Notes&gt;</title>');
    expect(html).toContain('data-key="docs/intro"');
    expect(html).toContain('<h2 id="part-one">Part one</h2>');
    expect(html).toContain('<a href="#part-two">Part two</a>');
    expect(html).toContain('<a href="/alice/notes/Home" class="wikilink">Home</a>');
    expect(html).not.toMatch(/<!--wb:/);
  });

  it('serves the home page at the wiki root and redirects the bare wiki path there', async () => {
    expect((await get('/alice/notes/')).body).toContain('<h1 id="alice-notes">Alice &lt;Notes&gt;</h1>');
    const bare = await get('/alice/notes');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers?.location).toBe('/alice/notes/');
  });

  it('treats page URLs case-insensitively and decodes them', async () => {
    expect((await get('/alice/notes/DOCS/intro')).statusCode).toBe(200);
    expect((await get('/alice/notes/docs%2Fintro')).statusCode).toBe(200);
  });

  it('answers a missing page with a 404 inside the wiki shell', async () => {
    const response = await get('/alice/notes/No%20Such%20Page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<title>Page not found · Alice &lt;Notes&gt;</title>');
    expect(response.body).toContain('There is no page <strong>No Such Page</strong>');
    expect(response.body).toContain('wb-sidebar');
  });

  it('answers an unknown wiki or invalid slug with a plain 404 page', async () => {
    for (const path of ['/alice/unknown/', '/Alice/notes/', '/api/x/', '/']) {
      const response = await get(path);
      expect(response.statusCode).toBe(404);
      expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    }
  });

  it('escapes a requested path that echoes into the 404 page', async () => {
    const response = await get('/alice/notes/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain('&lt;script&gt;');
  });

  it('answers bad paths with 400 and other methods with 405', async () => {
    expect((await get('/alice/notes/a/../b')).statusCode).toBe(400);
    expect((await get('/alice/notes/a%00')).statusCode).toBe(400);
    const post = await get('/alice/notes/', 'POST');
    expect(post.statusCode).toBe(405);
    expect(post.headers?.allow).toBe('GET, HEAD');
  });

  it('carries the page\'s branch and the tree\'s address, and serves that tree, cacheable for a year', async () => {
    const html = (await get('/alice/notes/Docs/Intro')).body as string;
    const src = /data-tree="(\/alice\/notes\/-\/sidebar\/[0-9a-f]{20})"/.exec(html)?.[1];
    expect(src).toBeDefined();
    // The branch: the folder, open, and the page, marked; not the rest of the wiki.
    expect(html).toContain('<details open><summary><a href="/alice/notes/docs" data-key="docs">Docs</a></summary>');
    expect(html).toContain('data-key="docs/intro" aria-current="page">Intro</a>');
    expect(html).not.toContain('data-key="home"');
    const tree = await get(src!);
    expect(tree.statusCode).toBe(200);
    expect(tree.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-robots-tag': 'noindex',
    });
    expect(tree.body).toMatch(/^<ul class="wb-tree">/);
    expect(tree.body).toContain('data-key="home"');
    expect(tree.body).toContain('data-key="docs/intro"');
    // A private wiki's tree, like its pages, is kept by no cache (the gate marked the request).
    const privately = await assemble(event('GET', src!, { headers: { 'x-wikibot-access': 'private' } }));
    expect(privately.statusCode).toBe(200);
    expect(privately.headers?.['cache-control']).toBe('private, no-store');
  });

  it('answers 404 for a tree address that is malformed, unknown or reaches elsewhere in the bucket', async () => {
    const src = /data-tree="([^"]+)"/.exec((await get('/alice/notes/')).body as string)![1]!;
    const hash = src.split('/').pop()!;
    for (const path of [
      '/alice/notes/-/sidebar/ffffffffffffffffffff', `/alice/notes/-/sidebar/${hash.toUpperCase()}`, `/alice/notes/-/sidebar/${hash}/x`,
      `/alice/notes/-/sidebar/${hash}.html`, '/alice/notes/-/sidebar/..%2F..%2Fshell', '/alice/notes/-/sidebar/%2e%2e', '/alice/notes/-/sidebar/',
      '/alice/notes/-/sidebars/' + hash, '/alice/notes/-/history/Home', `/alice/other/-/sidebar/${hash}`,
    ]) {
      const response = await get(path);
      expect([path, response.statusCode]).toEqual([path, 404]);
      expect(response.body).not.toContain('wb-tree');
    }
  });

  it('answers 502, not cached, when S3 fails', async () => {
    const broken = createAssembleHandler({
      blobs: { getText: () => Promise.reject(new Error('S3 down')) },
      log: (e) => logs.push(e),
    });
    const response = await broken(event('GET', '/alice/notes/'));
    expect(response.statusCode).toBe(502);
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(logs.some((l) => String(l.error).includes('S3 down'))).toBe(true);
  });
});
