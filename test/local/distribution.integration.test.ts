import * as fs from 'node:fs';
import * as http from 'node:http';
import { startPlatform, type Platform } from '../../local/platform';
import { MAX_API_BODY_BYTES } from '../../local/gateway';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { testPlatformOptions } from '../helpers/testPlatform';

/**
 * issue 10 through the local platform (s3rver, dynalite, the edge function in its sandbox, the
 * gateway run from resources/cloudfront.yml), with both edge builds: attachments of upper-case
 * pages, sign-in and sign-out behind AllViewerExceptHostHeader, paths that try to leave static/
 * or a wiki, and the HTTP API's payload limit.
 */
const SECRET_MARK = 'only-for-members-7f3a';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A request with its path sent byte for byte (fetch would resolve `..` first, as browsers do). */
function raw(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

describe.each(['function', 'lambda'] as const)('the local distribution with the %s edge build', (edgeAuth) => {
  let platform: Platform;
  let dataDir: string;
  let alice: string;
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });

  beforeAll(async () => {
    dataDir = tempDir(`wikibot-distribution-${edgeAuth}-`);
    platform = await startPlatform(testPlatformOptions(`wikibot-dist-${edgeAuth}`, dataDir, { cache: true, edgeAuth }));
    alice = await tokenFor('alice');
    for (const [wiki, visibility] of [['open', 'public'], ['secret', 'private']]) {
      expect((await api('POST', '/api/wikis', { user: 'alice', wiki, title: wiki, visibility })).status).toBe(201);
      expect((await api('PUT', `/api/wikis/alice/${wiki}/pages/Home`, { content: `# Home\n\n${wiki === 'secret' ? SECRET_MARK : 'hello'}\n` })).status).toBeLessThan(300);
      expect((await api('PUT', `/api/wikis/alice/${wiki}/pages/Docs/Intro`, { content: '# Intro' })).status).toBe(201);
      const upload = await api('PUT', `/api/wikis/alice/${wiki}/pages/Docs/Intro/-/attachments/Plan.PNG`, PNG, { 'content-type': 'image/png' });
      expect(upload.status).toBe(201);
      const text = await api('PUT', `/api/wikis/alice/${wiki}/pages/Docs/Intro/-/attachments/notes.txt`, Buffer.from(SECRET_MARK), { 'content-type': 'text/plain' });
      expect(text.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves an upper-case page\'s attachment: the edge function maps the URL to the case-folded key', async () => {
    for (const path of ['/alice/open/Docs/Intro/a/Plan.PNG', '/alice/open/docs/intro/a/Plan.PNG', '/Alice/Open/DOCS/Intro/a/Plan.PNG']) {
      const served = await fetch(`${platform.url}${path}`);
      expect([path, served.status]).toEqual([path, 200]);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The file name keeps its case, as it is stored.
    expect((await fetch(`${platform.url}/alice/open/Docs/Intro/a/plan.png`)).status).toBe(403);
  });

  it('keeps a private wiki\'s attachments behind the gate', async () => {
    const anonymous = await fetch(`${platform.url}/alice/secret/Docs/Intro/a/Plan.PNG`, { headers: { accept: 'image/*' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain(SECRET_MARK);
    const owner = await fetch(`${platform.url}/alice/secret/Docs/Intro/a/notes.txt`, { headers: { cookie: `__Host-wb_session=${alice}` } });
    expect(owner.status).toBe(200);
    expect(await owner.text()).toBe(SECRET_MARK);
    const mallory = await fetch(`${platform.url}/alice/secret/Docs/Intro/a/notes.txt`, { headers: { cookie: `__Host-wb_session=${await tokenFor('mallory')}` } });
    expect(mallory.status).toBe(401);
  });

  it('accepts same-origin sign-in and sign-out posts and refuses cross-site ones, though the API sees its own Host', async () => {
    const form = (path: string, origin: string, extra: Record<string, string> = {}) => fetch(`${platform.url}${path}`, {
      method: 'POST', redirect: 'manual', body: 'handle=alice&return_to=%2Falice%2Fopen%2F',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...extra },
    });
    const signIn = await form('/auth/login', platform.url, { 'sec-fetch-site': 'same-origin' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toMatch(/^__Host-wb_session=ey/);
    expect((await form('/auth/login', 'https://evil.example', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await form('/auth/login', 'https://evil.example')).status).toBe(403);
    // A viewer's own X-Forwarded-Host is overwritten by the gate with its Host.
    expect((await form('/auth/login', 'https://evil.example', { 'x-forwarded-host': 'evil.example' })).status).toBe(403);
    expect((await form('/auth/logout', platform.url, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await form('/auth/logout', 'https://evil.example')).status).toBe(403);
    const exchange = await fetch(`${platform.url}/auth/session`, { method: 'POST', headers: { authorization: `Bearer ${alice}`, origin: platform.url } });
    expect(exchange.status).toBeLessThan(300);
    expect(exchange.headers.get('set-cookie')).toMatch(/^__Host-wb_session=/);
  });

  it('builds feed and sitemap URLs on the viewer\'s host, not the API\'s', async () => {
    for (const path of ['/alice/open/-/changelog/feed.atom', '/alice/open/-/sitemap.xml']) {
      const body = await (await fetch(`${platform.url}${path}`, { headers: { 'x-forwarded-host': 'evil.example' } })).text();
      expect(body).toContain(`${platform.url}/alice/open/`);
      expect(body).not.toMatch(/execute-api|evil\.example/);
    }
  });

  it('never lets /static/.., %2e%2e or encoded variants reach fragments/ or attachments/', async () => {
    const fragment = 'fragments/alice/secret/pages/home.html';
    const attachment = 'attachments/alice/secret/docs/intro/notes.txt';
    const attacks = [
      `/static/../${fragment}`, `/static/%2e%2e/${fragment}`, `/static/%2E%2E/${fragment}`, `/static/.%2e/${fragment}`,
      `/static/..%2f${fragment}`, `/static/%2e%2e%2f${fragment}`, `/static/..%5c${fragment}`, `/static/%252e%252e/${fragment}`,
      `/static/x/../../${fragment}`, `/static/static/../../${fragment}`, `/static//../${fragment}`,
      `/static/../${attachment}`, `/static/%2e%2e/${attachment}`, `/static/..%2f${attachment}`,
      // Through the other behaviours: the gate decides on the resolved path, whatever the origin.
      `/alice/open/../../${fragment}`, `/alice/open/%2e%2e/%2e%2e/${fragment}`, `/alice/open/..%2f..%2f${fragment}`,
      '/alice/open/Docs/a/..%2f..%2f..%2fsecret%2fDocs%2fIntro%2fa%2fnotes.txt',
      '/alice/open/x/y/a/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret%2fDocs%2fIntro%2fa%2fnotes.txt',
      '/alice/open/Docs/Intro/a/..%2f..%2f..%2f..%2f..%2ffragments%2falice%2fsecret%2fpages%2fhome.html',
    ];
    const outcomes: [string, number][] = [];
    for (const path of attacks) {
      const response = await raw(platform.url, path, { headers: { accept: '*/*' } });
      expect([path, response.body.toString('utf8').includes(SECRET_MARK)]).toEqual([path, false]);
      outcomes.push([path, response.status]);
    }
    // On the static behaviour S3 refuses them all (OriginPath /static; keys are literal).
    for (const [path, status] of outcomes.filter(([p]) => p.startsWith('/static/'))) expect([path, status]).toEqual([path, 403]);
    // The real objects are there: the same keys through their own gated URLs reach a member.
    const member = { cookie: `__Host-wb_session=${alice}` };
    expect(await (await fetch(`${platform.url}/alice/secret/Docs/Intro/a/notes.txt`, { headers: member })).text()).toBe(SECRET_MARK);
    expect(await (await fetch(`${platform.url}/alice/secret/`, { headers: member })).text()).toContain(SECRET_MARK);
  });

  it('answers an API body over the HTTP API\'s 10 MB with 413 and writes nothing', async () => {
    const big = Buffer.alloc(MAX_API_BODY_BYTES + 1, 0x61);
    const response = await api('PUT', '/api/wikis/alice/open/pages/Big', big, { 'content-type': 'text/markdown' });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than 10485760 bytes/);
    expect((await api('GET', '/api/wikis/alice/open/pages/Big')).status).toBe(404);
  });
});
