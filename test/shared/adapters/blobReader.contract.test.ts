import * as fs from 'node:fs';
import { fileBlobStore } from '../../../shared/adapters/fileBlobStore';
import { s3BlobStore } from '../../../shared/adapters/s3BlobStore';
import { s3HttpBlobReader } from '../../../shared/adapters/s3HttpBlobReader';
import type { BlobReader } from '../../../shared/ports/blobReader';
import { startTestPeers, tempDir } from '../../helpers/peers';

/** Each fixture gives a reader and a way to plant objects behind it. */
type Fixture = { reader: BlobReader; plant(key: string, body: string): Promise<void>; close(): Promise<void> };
const html = { contentType: 'text/html; charset=utf-8' };

const adapters: Array<[string, () => Promise<Fixture>]> = [
  ['s3HttpBlobReader (s3rver)', async () => {
    const peers = await startTestPeers('reader-http');
    const writer = s3BlobStore(peers.s3Client, peers.bucket);
    const reader = s3HttpBlobReader({
      region: 'us-east-1', bucket: peers.bucket, endpoint: peers.s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    return { reader, plant: (k, b) => writer.put(k, b, html), close: () => peers.close() };
  }],
  ['s3BlobStore (s3rver)', async () => {
    const peers = await startTestPeers('reader-sdk');
    const store = s3BlobStore(peers.s3Client, peers.bucket);
    return { reader: store, plant: (k, b) => store.put(k, b, html), close: () => peers.close() };
  }],
  ['fileBlobStore', async () => {
    const dir = tempDir();
    const store = fileBlobStore(fs, dir);
    return { reader: store, plant: (k, b) => store.put(k, b, html), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }],
];

describe.each(adapters)('BlobReader contract: %s', (_name, setup) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await setup();
  });
  afterAll(() => fixture.close());

  it('returns undefined for a missing key', async () => {
    await expect(fixture.reader.getText('fragments/none.html')).resolves.toBeUndefined();
  });

  it.each([
    'fragments/u/w/pages/getting started.html',
    "fragments/u/w/pages/grüße (1)!'*.html",
    'fragments/u/w/pages/100%.html',
    'fragments/u/w/pages/a+b=c&d;e,f.html',
    'fragments/u/w/pages/日本語/ページ.html',
  ])('reads back UTF-8 text stored under %j', async (key) => {
    await fixture.plant(key, `<p>${key} ✓</p>`);
    await expect(fixture.reader.getText(key)).resolves.toBe(`<p>${key} ✓</p>`);
  });
});

describe('s3HttpBlobReader', () => {
  it('fails with the status when the endpoint is not S3', async () => {
    const peers = await startTestPeers('reader-bad');
    const reader = s3HttpBlobReader({
      region: 'us-east-1', bucket: 'no-such-bucket', endpoint: peers.s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await expect(reader.getText('x.html')).rejects.toThrow(/answered 404|NoSuchBucket/);
    await peers.close();
  });
});
