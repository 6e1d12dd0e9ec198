import * as fs from 'node:fs';
import * as path from 'node:path';
import { startPlatform, type Platform } from '../../local/platform';
import { git } from '../helpers/git';
import { tempDir } from '../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS, tokenFor } from '../helpers/tokens';
import { testPlatformOptions } from '../helpers/testPlatform';

describe('local platform (npm start) over HTTP', () => {
  let platform: Platform;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-platform-');
    platform = await startPlatform(testPlatformOptions('wikibot-test', dataDir, { cache: true, persistent: true }));
    token = await tokenFor('carol');
  });
  afterAll(async () => {
    await platform.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (method: string, p: string, body?: unknown) =>
    fetch(`${platform.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates a wiki, writes three linked pages and serves them as HTML, following wikilinks', async () => {
    expect((await api('POST', '/api/wikis', { user: 'carol', wiki: 'garden', title: 'Garden' })).status).toBe(201);
    const pages = {
      Home: '# Garden\n\nStart at [[Plants]].',
      Plants: '# Plants\n\nRead about [[Tomatoes|Veg/Tomatoes]].',
      'Veg/Tomatoes': '# Tomatoes\n\nBack to [[Home]].',
    };
    for (const [name, content] of Object.entries(pages)) {
      expect((await api('PUT', `/api/wikis/carol/garden/pages/${name}`, { content })).status).toBeLessThan(300);
    }

    let url = `${platform.url}/carol/garden/`;
    const visited: string[] = [];
    for (let hop = 0; hop < 3; hop++) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      visited.push(/<h1 id="[^"]*">([^<]*)<\/h1>/.exec(html)?.[1] ?? '?');
      const next = /<a href="([^"]+)" class="wikilink">/.exec(html)?.[1];
      expect(next).toBeDefined();
      url = new URL(next!, platform.url).href;
    }
    expect(visited).toEqual(['Garden', 'Plants', 'Tomatoes']);
    expect(url).toBe(`${platform.url}/carol/garden/Home`);

    const gitdir = path.join(dataDir, 'efs/wikis/carol/garden/repo.git');
    git(gitdir, 'fsck', '--full');
    expect(git(gitdir, 'rev-list', '--count', 'HEAD').trim()).toBe('4');
  });

  it('caches pages for 30 s by path, with an X-Cache header', async () => {
    await api('PUT', '/api/wikis/carol/garden/pages/Cached', { content: '# Cached' });
    const first = await fetch(`${platform.url}/carol/garden/Cached`);
    const second = await fetch(`${platform.url}/carol/garden/Cached`, { headers: { cookie: 'a=b' } });
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['Miss from cloudfront', 'Hit from cloudfront']);
    expect(await second.text()).toBe(await first.text());
  });

  it('routes /static/* to the bucket and the API to the write function', async () => {
    // Static assets live under content-hashed paths that the shell links.
    const home = await (await fetch(`${platform.url}/carol/garden/`)).text();
    const iconPath = /<link rel="icon" href="(\/static\/[0-9a-f]{12}\/favicon\.svg)"/.exec(home)?.[1];
    const icon = await fetch(`${platform.url}${iconPath}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // S3 answers CloudFront's origin access control 403 for a key it may not list, not 404.
    expect((await fetch(`${platform.url}/static/none.css`)).status).toBe(403);
    const missing = await fetch(`${platform.url}/api/wikis/carol/garden/pages/none`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('gives a clear error when a port is busy', async () => {
    const port = Number(new URL(platform.url).port);
    await expect(
      startPlatform({
        port, s3Port: 0, dynamoPort: 0, dataDir: tempDir(), persistent: false, cache: false, quiet: true,
        region: 'us-east-1', bucket: 'wikibot-busy', tenantsTable: 'wikibot-busy-tenants', sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
      }),
    ).rejects.toThrow(`Port ${port} is busy`);
  });

  it('leaves no data directory behind when a start it created one for fails, and keeps one that was there', async () => {
    const busy = Number(new URL(platform.peers.s3.endpoint).port);
    const options = {
      port: 0, s3Port: busy, dynamoPort: 0, persistent: true, cache: false, quiet: true,
      region: 'us-east-1', bucket: 'wikibot-busy', tenantsTable: 'wikibot-busy-tenants', sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
    };
    const fresh = path.join(tempDir(), 'not-yet');
    await expect(startPlatform({ ...options, dataDir: fresh })).rejects.toThrow(`Port ${busy} is busy`);
    expect(fs.existsSync(fresh)).toBe(false);

    const existing = tempDir();
    fs.writeFileSync(path.join(existing, 'keep.txt'), 'mine');
    await expect(startPlatform({ ...options, s3Port: 0, port: Number(new URL(platform.url).port), dataDir: existing })).rejects.toThrow('is busy');
    expect(fs.readFileSync(path.join(existing, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
