import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createAssembleHandler } from '../../../functions/assemble/assemble';
import { s3BlobStore } from '../../../shared/adapters/s3BlobStore';
import { startLocalEdge, type LocalEdge } from '../../../local/edge';
import { createGateway } from '../../../local/gateway';
import { git } from '../../helpers/git';
import { TEST_REGION } from '../../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS, tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

const W = '/api/wikis/alice/files';
const P = `${W}/pages/Docs/Intro/-/attachments`;
const MAX = 64 * 1024; // a small limit so the over-limit cases stay cheap

describe('attachments: upload, list, get, delete, served from the bucket', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  let server: http.Server;
  let edge: LocalEdge;
  let base: string;
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/alice/files/repo.git');
  const raw = (name: string, bytes: Uint8Array, type = 'application/octet-stream', query?: string) =>
    stack.call('PUT', `${P}/${encodeURIComponent(name)}`, undefined, alice, { raw: bytes, headers: { 'content-type': type }, query });

  beforeAll(async () => {
    stack = await startWriteStack('attachments', { limits: { maxAttachmentBytes: MAX } });
    [alice, bob] = await Promise.all([tokenFor('alice'), tokenFor('bob')]);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'files', title: 'Files' }, alice);
    await stack.call('PUT', `${W}/pages/Docs/Intro`, { content: '# Intro' }, alice);
    const assemble = createAssembleHandler({ blobs: s3BlobStore(stack.peers.s3Client, stack.peers.bucket), log: () => undefined });
    // The distribution with its edge function: the function maps attachment URLs to object keys.
    edge = await startLocalEdge({
      mode: 'function', dynamo: stack.peers.dynamoClient, dynamoEndpoint: stack.peers.dynamo.endpoint, region: TEST_REGION,
      table: stack.peers.table, sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
    });
    server = http.createServer(createGateway({ write: stack.handler, assemble, s3: stack.peers.s3Client, bucket: stack.peers.bucket, cache: false, edge: edge.gate }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    edge?.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stack.close();
  });

  it('uploads several files as JSON base64 in one commit into the page\'s folder, and publishes them', async () => {
    stack.bucketWrites();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const up = await stack.call('POST', P, { files: [{ name: 'Diagram.png', content: png.toString('base64') }, { name: 'notes.txt', content: Buffer.from('hello').toString('base64') }] }, alice);
    expect(up.statusCode).toBe(201);
    expect(git(gitdir(), 'log', '-1', '--format=%s|%an')).toBe('Added attachment(s): Diagram.png, notes.txt.|alice person\n');
    expect(Buffer.from(git(gitdir(), 'show', 'HEAD:docs/intro/notes.txt'))).toEqual(Buffer.from('hello'));
    expect(up.json.attachments).toEqual([
      { name: 'Diagram.png', size: 8, contentType: 'image/png', url: '/alice/files/docs/intro/a/Diagram.png', lastChange: null },
      { name: 'notes.txt', size: 5, contentType: 'text/plain; charset=utf-8', url: '/alice/files/docs/intro/a/notes.txt', lastChange: null },
    ]);
    expect(stack.bucketWrites().puts).toEqual(['attachments/alice/files/docs/intro/Diagram.png', 'attachments/alice/files/docs/intro/notes.txt']);
    const served = await fetch(`${base}/alice/files/Docs/Intro/a/Diagram.png`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('max-age=0, s-maxage=30');
  });

  it('takes a raw body with any content type, and says "Updated attachment" when replacing one', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => i % 256);
    expect((await raw('blob.bin', bytes, 'application/octet-stream', 'message=Binary%20upload')).statusCode).toBe(201);
    expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Binary upload\n');
    expect((await raw('blob.bin', bytes.reverse())).statusCode).toBe(200);
    expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Updated attachment: blob.bin.\n');
    const served = await fetch(`${base}/alice/files/docs/intro/a/blob.bin`);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(bytes));
  });

  it('serves HTML and SVG as downloads, never as documents on the wiki\'s origin', async () => {
    await raw('page.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    const served = await fetch(`${base}/alice/files/Docs/Intro/a/page.html`);
    expect(served.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''page.html");
  });

  it('lists and describes attachments with size and last change, and never returns their bytes', async () => {
    const list = await stack.call('GET', P);
    expect(list.statusCode).toBe(200);
    expect(list.json.attachments.map((a: any) => [a.name, a.size])).toEqual([['Diagram.png', 8], ['blob.bin', 1000], ['notes.txt', 5], ['page.html', 25]]);
    expect(list.json.attachments[1].lastChange).toMatchObject({ message: 'Updated attachment: blob.bin.', author: { name: 'alice person' } });
    const one = await stack.call('GET', `${P}/notes.txt`);
    expect(one.json).toMatchObject({ page: 'Docs/Intro', name: 'notes.txt', size: 5, url: '/alice/files/docs/intro/a/notes.txt' });
    expect(JSON.stringify(one.json)).not.toContain('hello');
    expect((await stack.call('GET', `${P}/none.txt`)).statusCode).toBe(404);
    expect((await stack.call('GET', `${W}/pages/Nowhere/-/attachments`)).statusCode).toBe(404);
  });

  it('deletes an attachment from git and from the bucket', async () => {
    stack.bucketWrites();
    const deleted = await stack.call('DELETE', `${P}/notes.txt`, undefined, alice);
    expect(deleted.statusCode).toBe(200);
    expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Deleted notes.txt\n');
    expect(stack.bucketWrites()).toEqual({ puts: [], deletes: ['attachments/alice/files/docs/intro/notes.txt'] });
    // S3 answers CloudFront 403 for a key that is not there (it may not list the bucket).
    expect((await fetch(`${base}/alice/files/docs/intro/a/notes.txt`)).status).toBe(403);
    expect((await stack.call('DELETE', `${P}/notes.txt`, undefined, alice)).statusCode).toBe(404);
  });

  it.each([
    ['a file over the limit (raw)', () => raw('big.bin', new Uint8Array(MAX + 1)), 413],
    ['a file over the limit (JSON)', () => stack.call('POST', P, { files: [{ name: 'big.bin', content: Buffer.alloc(MAX + 1).toString('base64') }] }, alice), 413],
    ['an upload to a page that does not exist', () => stack.call('POST', `${W}/pages/Nowhere/-/attachments`, { files: [{ name: 'x.png', content: 'AAAA' }] }, alice), 404],
    ['a markdown file', () => raw('sneaky.md', Buffer.from('# page')), 400],
    ['bad base64', () => stack.call('POST', P, { files: [{ name: 'x.png', content: '***' }] }, alice), 400],
    ['a duplicate name', () => stack.call('POST', P, { files: [{ name: 'x.png', content: 'AAAA' }, { name: 'x.png', content: 'AAAA' }] }, alice), 400],
    ['no files', () => stack.call('POST', P, { files: [] }, alice), 400],
    ['files that are not objects', () => stack.call('POST', P, { files: ['x.png'] }, alice), 400],
    ['an unknown file field', () => stack.call('POST', P, { files: [{ name: 'x.png', content: 'AAAA', mode: 'x' }] }, alice), 400],
    ['POST that is not JSON', () => stack.call('POST', P, undefined, alice, { raw: Buffer.from('x'), headers: { 'content-type': 'image/png' } }), 400],
    ['an empty raw body', () => stack.call('PUT', `${P}/e.bin`, undefined, alice, { headers: { 'content-type': 'image/png' } }), 400],
    ['a reader', () => stack.call('POST', P, { files: [{ name: 'x.png', content: 'AAAA' }] }, bob), 403],
    ['nobody', () => stack.call('POST', P, { files: [{ name: 'x.png', content: 'AAAA' }] }), 401],
  ])('refuses %s and writes nothing', async (_what, send, status) => {
    await stack.call('PUT', `${W}/members/bob`, { role: 'reader' }, alice);
    const before = await stack.snapshot();
    const response = await send();
    expect(response.statusCode).toBe(status);
    if (status === 413) expect(response.json.error.message).toBe('An attachment may be at most 64 KiB (65536 bytes) through the API; larger files are not accepted.');
    expect(await stack.snapshot()).toEqual(before);
  });

  it('reaches nothing outside the wiki\'s attachments through an attachment URL, and takes only GET and HEAD', async () => {
    // The edge resolves the path before it maps it: these name keys under attachments/alice/files/ that do not exist.
    for (const bad of ['/alice/files/Docs/Intro/a/..%2F..%2Fshell.html', '/alice/files/Docs/Intro/a/.git', '/alice/files/Docs/Intro/a/%2e%2e%2f%2e%2e%2f%2e%2e%2fshell.html']) {
      expect([bad, (await fetch(`${base}${bad}`)).status]).toEqual([bad, 403]);
    }
    expect((await fetch(`${base}/alice/files/-/a/x`)).status).toBe(404);
    expect((await fetch(`${base}/alice/files/Docs/Intro/a/Diagram.png`, { method: 'DELETE' })).status).toBe(403);
  });
});
