import * as fs from 'node:fs';
import { fileBlobStore } from '../../../shared/adapters/fileBlobStore';
import { s3BlobStore } from '../../../shared/adapters/s3BlobStore';
import { s3HttpBlobStore } from '../../../shared/adapters/s3HttpBlobStore';
import type { BlobStore } from '../../../shared/ports/blobStore';
import { TEST_REGION, startTestPeers, tempDir } from '../../helpers/peers';

type Fixture = { store: BlobStore; close(): Promise<void> };

const adapters: Array<[string, () => Promise<Fixture>]> = [
  ['s3BlobStore (s3rver)', async () => {
    const peers = await startTestPeers('blobs');
    return { store: s3BlobStore(peers.s3Client, peers.bucket), close: () => peers.close() };
  }],
  ['s3HttpBlobStore (s3rver)', async () => {
    const peers = await startTestPeers('blobs-http');
    const store = s3HttpBlobStore({
      region: TEST_REGION, bucket: peers.bucket, endpoint: peers.s3.endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    return { store, close: () => peers.close() };
  }],
  ['fileBlobStore', async () => {
    const dir = tempDir();
    return { store: fileBlobStore(fs, dir), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }],
];

describe.each(adapters)('BlobStore contract: %s', (_name, setup) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await setup();
  });
  afterAll(() => fixture.close());

  const opts = { contentType: 'text/html; charset=utf-8', cacheControl: 'max-age=60' };

  it('returns undefined for a key that was never written', async () => {
    await expect(fixture.store.getText('fragments/none/here.html')).resolves.toBeUndefined();
  });

  it('reads back what it put, as UTF-8, under nested keys with spaces', async () => {
    const key = 'fragments/alice/notes/pages/docs/getting started.html';
    await fixture.store.put(key, '<p>Grüße 👋</p>', opts);
    await expect(fixture.store.getText(key)).resolves.toBe('<p>Grüße 👋</p>');
  });

  it('overwrites in place and deletes', async () => {
    const key = 'fragments/alice/notes/shell.html';
    await fixture.store.put(key, 'one', opts);
    await fixture.store.put(key, new TextEncoder().encode('two'), opts);
    await expect(fixture.store.getText(key)).resolves.toBe('two');
    await fixture.store.delete(key);
    await expect(fixture.store.getText(key)).resolves.toBeUndefined();
  });

  it('deleting a missing key is not an error', async () => {
    await expect(fixture.store.delete('fragments/never/was.html')).resolves.toBeUndefined();
  });

  it('lists the keys under a prefix, sorted, across more than one page of a listing', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `fragments/list/w/pages/p ${String(i).padStart(4, '0')}.html`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => fixture.store.put(k, 'x', opts)));
    }
    await fixture.store.put('fragments/list/w/pages/docs/deep.html', 'x', opts);
    await fixture.store.put('fragments/list/w/shell.html', 'x', opts);
    await fixture.store.put('fragments/list/wx/shell.html', 'x', opts);
    const listed = await fixture.store.list('fragments/list/w/pages/');
    expect(listed).toEqual(['fragments/list/w/pages/docs/deep.html', ...keys]);
    await expect(fixture.store.list('fragments/list/w/')).resolves.toHaveLength(1007);
    await expect(fixture.store.list('fragments/list/w')).resolves.toHaveLength(1008);
    await expect(fixture.store.list('fragments/nothing/')).resolves.toEqual([]);
  }, 60_000);
});

describe('fileBlobStore', () => {
  it('refuses keys that would leave its directory', async () => {
    const dir = tempDir();
    const store = fileBlobStore(fs, dir);
    await expect(store.put('../escape.html', 'x', { contentType: 'text/html' })).rejects.toThrow(/Unsafe/);
    await expect(store.getText('a/../../etc/passwd')).rejects.toThrow(/Unsafe/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
