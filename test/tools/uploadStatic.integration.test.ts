import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { STATIC_CACHE_CONTROL, type StaticFile } from '../../tools/buildAssets';
import { uploadStatic } from '../../tools/uploadStatic';
import { startTestPeers, tempDir } from '../helpers/peers';

/** tools/uploadStatic.ts against a real s3rver: puts what is missing, with type and caching, once. */

let peers: Awaited<ReturnType<typeof startTestPeers>>;
beforeAll(async () => {
  peers = await startTestPeers('upload-static');
});
afterAll(() => peers.close());

function files(): StaticFile[] {
  const dir = tempDir('wikibot-static-');
  const css = path.join(dir, 'wikibot.css');
  const js = path.join(dir, 'mermaid.min.js');
  fs.writeFileSync(css, 'body{color:red}');
  fs.writeFileSync(js, 'window.mermaid={}');
  return [
    { key: 'static/aaaaaaaaaaaa/wikibot.css', file: css, contentType: 'text/css; charset=utf-8' },
    { key: 'static/bbbbbbbbbbbb/mermaid.min.js', file: js, contentType: 'text/javascript; charset=utf-8' },
  ];
}

describe('uploadStatic', () => {
  it('puts every missing file with its content type and the immutable Cache-Control', async () => {
    const result = await uploadStatic(peers.s3Client, peers.bucket, files());
    expect(result).toEqual({ put: 2, skipped: 0 });
    const head = await peers.s3Client.send(new HeadObjectCommand({ Bucket: peers.bucket, Key: 'static/aaaaaaaaaaaa/wikibot.css' }));
    expect(head.ContentType).toBe('text/css; charset=utf-8');
    expect(head.CacheControl).toBe(STATIC_CACHE_CONTROL);
    const body = await peers.s3Client.send(new GetObjectCommand({ Bucket: peers.bucket, Key: 'static/bbbbbbbbbbbb/mermaid.min.js' }));
    expect(await body.Body!.transformToString()).toBe('window.mermaid={}');
  });

  it('skips what is already there (content-hashed names never change)', async () => {
    expect(await uploadStatic(peers.s3Client, peers.bucket, files())).toEqual({ put: 0, skipped: 2 });
  });
});
