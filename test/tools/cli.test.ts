import { PassThrough } from 'node:stream';
import settings from '../../local/settings.json';
import { backfillProgress } from '../../tools/backfillProgress';
import type { PlatformState } from '../../local/platformState';
import { storageConfig } from '../../tools/storageConfig';

describe('operator CLI settings (backfill, import)', () => {
  it('defaults to the running local platform of npm start, and needs one', () => {
    const state: PlatformState = {
      pid: 1, startedAt: '', gateway: 'http://localhost:3001', s3Endpoint: 'http://127.0.0.1:5001', dynamoEndpoint: 'http://127.0.0.1:5002',
      region: settings.region, bucket: settings.bucket, tenantsTable: settings.tenantsTable, efsDir: '/data/efs',
      sessionKeys: settings.sessionKeys, issuer: settings.issuer, audience: settings.audience,
    };
    expect(storageConfig({}, {}, state)).toEqual({
      region: settings.region,
      bucket: settings.bucket,
      tenantsTable: settings.tenantsTable,
      dataDir: '/data/efs',
      s3Endpoint: 'http://127.0.0.1:5001',
      dynamoEndpoint: 'http://127.0.0.1:5002',
    });
    expect(() => storageConfig({}, {})).toThrow('--target local needs --bucket');
  });

  it('takes flags over the environment over the platform', () => {
    const env = { BUCKET: 'env-bucket', TENANTS_TABLE: 'env-table', S3_ENDPOINT: 'http://env:1', DATA_DIR: '/env/efs' };
    expect(storageConfig({ bucket: 'flag-bucket' }, env)).toMatchObject({ bucket: 'flag-bucket', tenantsTable: 'env-table', s3Endpoint: 'http://env:1', dataDir: '/env/efs' });
  });

  it('for a real stage needs bucket, table and data dir, and uses no emulator', () => {
    expect(() => storageConfig({ target: 'aws' }, {})).toThrow('--target aws needs --bucket');
    expect(storageConfig({ target: 'aws', bucket: 'b', table: 't', 'data-dir': '/mnt/wikis' }, {})).toEqual({
      region: settings.region, bucket: 'b', tenantsTable: 't', dataDir: '/mnt/wikis', s3Endpoint: undefined, dynamoEndpoint: undefined,
    });
    expect(() => storageConfig({ target: 'prod' }, {})).toThrow('--target must be local or aws');
  });

  it('prints plain progress lines with pages/s when the output is not a terminal, in singular for one', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString()));
    const progress = backfillProgress(stream, 0);
    progress.start(3, 1);
    for (const file of ['a.md', 'b.md', 'c.md']) progress.page('alice/notes', file, 'published');
    progress.stop();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('backfill: 3 pages in 1 wiki');
    expect(lines.at(-1)).toMatch(/^backfill: 3\/3 pages, (1 page|\d+ pages)\/s, alice\/notes$/);
    expect(lines.at(-1)).not.toMatch(/ 1 pages/);
  });
});
