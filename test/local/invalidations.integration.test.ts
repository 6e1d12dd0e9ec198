import * as fs from 'node:fs';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startPlatform, type Platform } from '../../local/platform';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { testPlatformOptions } from '../helpers/testPlatform';

/**
 * Invalidation on save, locally through the deployed path (resources/invalidate.yml): s3rver's
 * bucket notifications → the queue's batching → the real invalidate handler → the gateway's
 * 30 s page cache. Nothing in the write function knows about the cache.
 */
describe('local/invalidations', () => {
  let platform: Platform;
  let dataDir: string;
  let token: string;
  const bucket = 'wikibot-invalidations';

  const api = (method: string, path: string, body?: unknown) => fetch(`${platform.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const read = async (path: string) => {
    const response = await fetch(`${platform.url}${path}`, { redirect: 'manual' });
    return { status: response.status, cache: response.headers.get('x-cache') ?? '', text: await response.text() };
  };

  beforeAll(async () => {
    dataDir = tempDir('wikibot-invalidations-');
    platform = await startPlatform(testPlatformOptions(bucket, dataDir, { cache: true }));
    token = await tokenFor('alice');
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' })).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/notes/pages/Tea', { content: '# Tea\n\nVersion one.\n' })).status).toBeLessThan(300);
    await platform.invalidations.settled();
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Reads the page twice so the cache holds it, and checks that it does. */
  async function cached(path: string, expected: string) {
    await read(path);
    const hit = await read(path);
    expect([hit.cache, hit.text.includes(expected)]).toEqual(['Hit from cloudfront', true]);
  }

  it('a save through the API is on the read path at once, with the cache on', async () => {
    await cached('/alice/notes/Tea', 'Version one.');
    await cached('/alice/notes/tea', 'Version one.');
    expect((await api('PUT', '/api/wikis/alice/notes/pages/Tea', { content: '# Tea\n\nVersion two.\n' })).status).toBe(200);
    for (const path of ['/alice/notes/Tea', '/alice/notes/tea']) {
      const page = await read(path);
      expect([path, page.cache, page.text.includes('Version two.'), page.text.includes('Version one.')]).toEqual([path, 'Miss from cloudfront', true, false]);
    }
  });

  it('a cached 404 of a page not yet written goes when the page is created', async () => {
    const before = await read('/alice/notes/Coffee');
    expect(before.status).toBe(404);
    expect((await read('/alice/notes/Coffee')).cache).toBe('Hit from cloudfront');
    expect((await api('PUT', '/api/wikis/alice/notes/pages/Coffee', { content: '# Coffee\n\nBlack.\n' })).status).toBe(201);
    const after = await read('/alice/notes/Coffee');
    expect([after.status, after.text.includes('Black.')]).toEqual([200, true]);
  });

  it('a delete drops the page from the cache too', async () => {
    await cached('/alice/notes/Coffee', 'Black.');
    expect((await api('DELETE', '/api/wikis/alice/notes/pages/Coffee')).status).toBeLessThan(300);
    expect((await read('/alice/notes/Coffee')).status).toBe(404);
  });

  it('any writer of the bucket invalidates (a backfill, an import): the path is the bucket, not the write function', async () => {
    await cached('/alice/notes/Tea', 'Version two.');
    const shellKey = 'fragments/alice/notes/shell.html';
    const shell = await platform.peers.s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: shellKey }));
    const html = await shell.Body!.transformToString();
    await platform.peers.s3Client.send(new PutObjectCommand({
      Bucket: bucket, Key: shellKey, Body: html.replace('</body>', '<!-- republished --></body>'), ContentType: 'text/html; charset=utf-8',
    }));
    await platform.invalidations.settled();
    const page = await read('/alice/notes/Tea');
    expect([page.cache, page.text.includes('<!-- republished -->')]).toEqual(['Miss from cloudfront', true]);
  });

  it('changes of other wikis and of static/ leave the cache alone', async () => {
    await cached('/alice/notes/Tea', 'Version two.');
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'other', title: 'Other' })).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/other/pages/Home', { content: '# Home\n' })).status).toBeLessThan(300);
    await platform.peers.s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: 'static/test/x.css', Body: 'a{}' }));
    await platform.invalidations.settled();
    expect((await read('/alice/notes/Tea')).cache).toBe('Hit from cloudfront');
  });
});
