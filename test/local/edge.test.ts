import * as fs from 'node:fs';
import { startPlatform, type Platform } from '../../local/platform';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { testPlatformOptions } from '../helpers/testPlatform';

const HTML = { accept: 'text/html' };

describe('local platform: private wikis at the edge', () => {
  let platform: Platform;
  let dataDir: string;
  let alice: string;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    dataDir = tempDir('wikibot-edge-');
    platform = await startPlatform(testPlatformOptions('wikibot-edge', dataDir, { cache: true }));
    alice = await tokenFor('alice');
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${platform.url}${path}`, { method, headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'secret', visibility: 'private', title: 'Secret' })).status).toBe(201);
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'open', title: 'Open' })).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/secret/members/bob', { role: 'reader' })).status).toBe(201);
  });
  afterAll(async () => {
    await platform.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`edge sync delay on the local platform (ms): ${JSON.stringify(figures)}`);
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${platform.url}${path}`, { headers: { ...HTML, ...headers }, redirect: 'manual' });
  const as = async (sub: string) => ({ cookie: `__Host-wb_session=${await tokenFor(sub)}` });

  it('sends anonymous readers of a private wiki to sign in; members read it, and no cache keeps it', async () => {
    const anonymous = await get('/alice/secret/');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/auth/login?return_to=%2Falice%2Fsecret%2F');
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    expect((await get('/alice/secret/', { accept: 'application/json' })).status).toBe(401);

    const bob = await as('bob');
    const first = await get('/alice/secret/', bob);
    const second = await get('/Alice/Secret/', bob);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await first.text()).toContain('Secret');
    // A private page: never stored by a browser or a shared cache, not even the distribution's.
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['Miss from cloudfront', 'Miss from cloudfront']);
    expect((await get('/alice/secret/', await as('mallory'))).status).toBe(302);
  });

  it('keeps cookies out of the cache key: a public page cached for one reader is the same for all', async () => {
    const one = await get('/alice/open/', await as('bob'));
    const two = await get('/alice/open/', await as('mallory'));
    const three = await get('/alice/open/');
    expect([one.status, two.status, three.status]).toEqual([200, 200, 200]);
    expect([one.headers.get('x-cache'), two.headers.get('x-cache'), three.headers.get('x-cache')])
      .toEqual(['Miss from cloudfront', 'Hit from cloudfront', 'Hit from cloudfront']);
    expect(one.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');
    const bodies = await Promise.all([one.text(), two.text(), three.text()]);
    expect(new Set(bodies).size).toBe(1);
    expect(platform.gateway.cache.get('/alice/secret/')).toBeUndefined();
  });

  it('gates a private wiki\'s page tree like its pages: refused without a session and never cached; a public one is cached', async () => {
    const bob = await as('bob');
    const treeOf = async (path: string, headers: Record<string, string> = {}) => /data-tree="([^"]+)"/.exec(await (await get(path, headers)).text())?.[1];
    const secretTree = (await treeOf('/alice/secret/', bob))!;
    expect(secretTree).toMatch(/^\/alice\/secret\/-\/sidebar\/[0-9a-f]{20}$/);
    const fetchTree = (path: string, headers: Record<string, string> = {}) => fetch(`${platform.url}${path}`, { headers, redirect: 'manual' });
    const hash = secretTree.split('/').pop()!;
    for (const [path, headers] of [
      [secretTree, {}],
      [secretTree, await as('mallory')],
      [secretTree, { cookie: '__Host-wb_session=not.a.token' }],
      [secretTree.replace('/alice/secret/', '/ALICE/Secret/'), {}],
      // Routed by its raw path like a public wiki's tree, decided on the canonical one: alice/secret.
      [`/alice/open/-/sidebar/..%2F..%2F..%2Fsecret%2F-%2Fsidebar%2F${hash}`, {}],
    ] as const) {
      const refused = await fetchTree(path, headers);
      expect([path, refused.status]).toEqual([path, 401]);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(await refused.text()).not.toContain('data-key');
    }
    expect((await fetchTree(secretTree, HTML)).status).toBe(302);

    const first = await fetchTree(secretTree, bob);
    const second = await fetchTree(secretTree, bob);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await first.text()).toMatch(/^<ul class="wb-tree">/);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['Miss from cloudfront', 'Miss from cloudfront']);

    const openTree = (await treeOf('/alice/open/'))!;
    const [one, two] = [await fetchTree(openTree), await fetchTree(openTree)];
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect([one.headers.get('x-cache'), two.headers.get('x-cache')]).toEqual(['Miss from cloudfront', 'Hit from cloudfront']);
  });

  it('revoking a member takes effect before the API call returns (write-through sync)', async () => {
    const bob = await as('bob');
    expect((await get('/alice/secret/', bob)).status).toBe(200);
    const started = performance.now();
    const revoked = await fetch(`${platform.url}/api/wikis/alice/secret/members/bob`, { method: 'DELETE', headers: { authorization: `Bearer ${alice}` } });
    expect(revoked.status).toBeLessThan(300);
    expect((await get('/alice/secret/', bob)).status).toBe(302);
    figures.revokeViaApi = Math.round(performance.now() - started);
  });

  it('making a public wiki private takes effect at once, cached copies included', async () => {
    expect((await get('/alice/open/')).headers.get('x-cache')).toBe('Hit from cloudfront');
    const started = performance.now();
    const patched = await fetch(`${platform.url}/api/wikis/alice/open`, {
      method: 'PATCH', headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' }, body: JSON.stringify({ visibility: 'private' }),
    });
    expect(patched.status).toBe(200);
    expect((await get('/alice/open/')).status).toBe(302);
    figures.makePrivateViaApi = Math.round(performance.now() - started);
  });

  it('a write that bypasses the write function (an import, another process) reaches the edge within the poll interval', async () => {
    const tenants = dynamoTenantStore(platform.peers.dynamoClient, 'wikibot-edge-tenants');
    const carol = await as('carol');
    expect((await get('/alice/secret/', carol)).status).toBe(302);
    const started = performance.now();
    await tenants.putMember({ user: 'alice', wiki: 'secret' }, { sub: 'carol', role: 'reader', addedAt: new Date().toISOString() });
    let status = 0;
    while (performance.now() - started < 5000) {
      status = (await get('/alice/secret/', carol)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const delay = Math.round(performance.now() - started);
    figures.outOfBandPoll = delay;
    expect(status).toBe(200);
    expect(delay).toBeLessThan(platform.edge!.pollMs + 1000);
  });

  it('serves the sign-in page, signs in with the dev form and signs out', async () => {
    const page = await get('/auth/login?return_to=%2Falice%2Fsecret%2F');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="handle"');
    const signIn = await fetch(`${platform.url}/auth/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'handle=alice&name=Alice&return_to=%2Falice%2Fsecret%2F',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/alice/secret/');
    const [cookie, hint] = signIn.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-wb_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=28800; HttpOnly; Secure; SameSite=Lax$/);
    expect(hint).toBe('wb_signed_in=1; Path=/; Max-Age=28800; Secure; SameSite=Lax');
    expect((await get('/alice/secret/', { cookie: cookie!.split(';')[0]! })).status).toBe(200);
    const out = await fetch(`${platform.url}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'return_to=/alice/secret/' });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie()[0]).toMatch(/^__Host-wb_session=; Path=\/; Max-Age=0/);
    expect(out.headers.getSetCookie()[1]).toMatch(/^wb_signed_in=; Path=\/; Max-Age=0/);
  });
});
