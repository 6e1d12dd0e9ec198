import { startPlatform, type Platform } from '../../../../local/platform';
import { tempDir } from '../../../helpers/peers';
import { tokenFor } from '../../../helpers/tokens';
import * as fs from 'node:fs';
import { testPlatformOptions } from '../../../helpers/testPlatform';

/**
 * The views on the local platform, through the gateway that routes and caches like the
 * distribution: a save in the editor shows on the (cached) read path at once, uploaded HTML and
 * SVG come back as downloads, the edge gate covers `/-/` paths of private wikis.
 */
describe('views through the gateway', () => {
  let platform: Platform;
  let dataDir: string;
  let alice: string;

  /** Requests with cookies, as a browser would send them. */
  const send = (path: string, init: RequestInit & { cookies?: Record<string, string> } = {}) =>
    fetch(`${platform.url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: Object.entries(init.cookies ?? {}).map(([k, v]) => `${k}=${v}`).join('; ') },
    });

  /** Opens a form view and returns the cookies and token a browser would then hold. */
  async function formSession(path: string) {
    const cookies: Record<string, string> = { '__Host-wb_session': alice };
    const page = await send(path, { cookies });
    expect(page.status).toBe(200);
    const set = page.headers.get('set-cookie') ?? '';
    const csrf = /__Host-wb_csrf=([^;]+)/.exec(set)![1]!;
    expect(await page.text()).toContain(`name="csrf" value="${csrf}"`);
    return { cookies: { ...cookies, '__Host-wb_csrf': csrf }, csrf };
  }

  beforeAll(async () => {
    dataDir = tempDir('wikibot-views-gateway-');
    platform = await startPlatform(testPlatformOptions('wikibot-views-gw', dataDir, { cache: true }));
    alice = await tokenFor('alice');
    const api = (method: string, path: string, body: unknown) => fetch(`${platform.url}${path}`, {
      method, headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    await api('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' });
    await api('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Secret', visibility: 'private' });
    await api('PUT', '/api/wikis/alice/notes/pages/Tea', { content: '# Tea\n\nVersion one.\n' });
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a save in the editor invalidates the wiki\'s cached pages: the reader sees it at once', async () => {
    expect((await send('/alice/notes/Tea')).headers.get('x-cache')).toMatch(/Miss/);
    const cached = await send('/alice/notes/tea');
    expect(cached.headers.get('x-cache')).toMatch(/Miss/);
    expect((await send('/alice/notes/Tea')).headers.get('x-cache')).toMatch(/Hit/);
    const { cookies, csrf } = await formSession('/alice/notes/-/edit/Tea');
    const editor = await (await send('/alice/notes/-/edit/Tea', { cookies })).text();
    const base = /name="base" value="([0-9a-f]{40})"/.exec(editor)![1]!;
    const saved = await send('/alice/notes/-/save/Tea', {
      method: 'POST', cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, base, content: '# Tea\n\nVersion two.\n', message: 'Two' }).toString(),
    });
    expect([saved.status, saved.headers.get('location')]).toEqual([303, '/alice/notes/Tea']);
    for (const path of ['/alice/notes/Tea', '/alice/notes/tea']) {
      const page = await send(path);
      expect(page.headers.get('x-cache')).toMatch(/Miss/);
      expect(await page.text()).toContain('Version two.');
    }
    // The dynamic views themselves are never cached.
    const view = await send('/alice/notes/-/history/Tea');
    expect(view.headers.get('cache-control')).toBe('no-store');
    // CachingDisabled: CloudFront says Miss on every request to a view, never Hit.
    expect((await send('/alice/notes/-/history/Tea')).headers.get('x-cache')).toBe('Miss from cloudfront');
  });

  it('uploaded HTML and SVG are served as downloads with nosniff, never as documents of the wiki\'s origin', async () => {
    const { cookies, csrf } = await formSession('/alice/notes/-/attachments/Tea');
    const form = new FormData();
    form.append('csrf', csrf);
    form.append('file', new Blob(['<html><script>alert(document.cookie)</script></html>'], { type: 'text/html' }), 'evil.html');
    form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/svg+xml' }), 'evil.svg');
    const up = await send('/alice/notes/-/attachments/Tea', { method: 'POST', cookies, body: form });
    expect(up.status).toBe(303);
    for (const [name, type] of [['evil.html', 'text/html; charset=utf-8'], ['evil.svg', 'image/svg+xml']]) {
      const served = await send(`/alice/notes/Tea/a/${name}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(type);
      expect(served.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${name}`);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('every form rejects a missing CSRF token with 403 through the gateway too', async () => {
    const r = await send('/alice/notes/-/save/Tea', {
      method: 'POST', cookies: { '__Host-wb_session': alice }, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ content: 'hijacked' }).toString(),
    });
    expect(r.status).toBe(403);
    expect(await (await send('/alice/notes/Tea')).text()).not.toContain('hijacked');
  });

  it('the edge gate covers the views of private wikis', async () => {
    const anonymous = await send('/alice/secret/-/history/home', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/auth/login?return_to=%2Falice%2Fsecret%2F-%2Fhistory%2Fhome');
    const post = await send('/alice/secret/-/save/home', { method: 'POST', body: 'content=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(401);
    const owner = await send('/alice/secret/-/history/home', { cookies: { '__Host-wb_session': alice } });
    expect(owner.status).toBe(200);
  });
});
