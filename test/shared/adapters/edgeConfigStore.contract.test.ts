import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { cloudFrontKvsStore } from '../../../shared/adapters/cloudFrontKvsStore';
import { memoryEdgeConfigStore } from '../../../shared/adapters/memoryEdgeConfigStore';
import type { EdgeConfigStore } from '../../../shared/ports/edgeConfigStore';
import { startFakeKvs, type FakeKvs } from '../../helpers/fakeKvsServer';

const ARN = 'arn:aws:cloudfront::123456789012:key-value-store/0a1b2c3d-test';
let kvs: FakeKvs;
let client: CloudFrontKeyValueStoreClient;

beforeAll(async () => {
  kvs = await startFakeKvs(ARN);
  client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1', endpoint: kvs.endpoint.replace('127.0.0.1', 'localhost'), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // The endpoint rules put the account id in front of the host ({account}.127.0.0.1); connect to the
  // stand-in all the same, after signing, with the Host header the SDK signed.
  client.middlewareStack.add(
    (next) => (args) => {
      (args.request as { hostname: string }).hostname = '127.0.0.1';
      return next(args);
    },
    { step: 'deserialize', name: 'toLocalStandIn', priority: 'low' },
  );
});
afterAll(async () => {
  client.destroy();
  await kvs.close();
});

const adapters: [string, () => Promise<EdgeConfigStore>][] = [
  ['memory (npm start)', async () => memoryEdgeConfigStore()],
  ['CloudFront KeyValueStore (SDK, against a local stand-in)', async () => {
    kvs.entries.clear();
    return cloudFrontKvsStore({ client, kvsArn: ARN, sleep: async () => undefined });
  }],
];

describe.each(adapters)('EdgeConfigStore contract: %s', (_name, make) => {
  let store: EdgeConfigStore;
  beforeEach(async () => {
    store = await make();
  });

  it('puts, reads, lists in key order and deletes', async () => {
    await store.apply({ puts: [{ key: 'w:b/x', value: 'private' }, { key: 'w:a/x', value: 'public' }], deletes: [] });
    expect(await store.get('w:a/x')).toBe('public');
    expect(await store.get('w:none/x')).toBeUndefined();
    expect(await store.list()).toEqual([{ key: 'w:a/x', value: 'public' }, { key: 'w:b/x', value: 'private' }]);
    await store.apply({ puts: [{ key: 'w:a/x', value: 'private' }], deletes: ['w:b/x'] });
    expect(await store.list()).toEqual([{ key: 'w:a/x', value: 'private' }]);
  });

  it('takes deletes of keys that are not there', async () => {
    await store.apply({ puts: [], deletes: ['m:a/x:nobody'] });
    expect(await store.list()).toEqual([]);
  });

  it('applies large change sets (more than one batch) and lists them all', async () => {
    const puts = Array.from({ length: 130 }, (_, i) => ({ key: `m:a/x:user${String(i).padStart(3, '0')}`, value: 'reader' }));
    await store.apply({ puts, deletes: [] });
    expect(await store.list()).toHaveLength(130);
    await store.apply({ puts: [], deletes: puts.slice(0, 70).map((p) => p.key) });
    expect((await store.list()).map((e) => e.key)[0]).toBe('m:a/x:user070');
  });
});

describe('CloudFront KeyValueStore adapter: batching and ETags', () => {
  it('sends at most 50 keys per UpdateKeys, each conditioned on the ETag of the one before', async () => {
    kvs.entries.clear();
    kvs.updates.length = 0;
    const store = cloudFrontKvsStore({ client, kvsArn: ARN, sleep: async () => undefined });
    await store.apply({ puts: Array.from({ length: 120 }, (_, i) => ({ key: `w:u/w${i}`, value: 'public' })), deletes: [] });
    expect(kvs.updates.map((u) => u.puts)).toEqual([50, 50, 20]);
    expect(kvs.updates.every((u) => !u.conflict)).toBe(true);
    expect(new Set(kvs.updates.map((u) => u.ifMatch)).size).toBe(3);
  });

  it('re-reads the ETag and retries when another writer got there first', async () => {
    kvs.updates.length = 0;
    const store = cloudFrontKvsStore({ client, kvsArn: ARN, sleep: async () => undefined });
    kvs.conflictNext(2);
    await store.apply({ puts: [{ key: 'w:u/retried', value: 'private' }], deletes: [] });
    expect(kvs.entries.get('w:u/retried')).toBe('private');
    expect(kvs.updates.map((u) => u.conflict)).toEqual([true, true, false]);
  });

  it('gives up after maxAttempts conflicts', async () => {
    const store = cloudFrontKvsStore({ client, kvsArn: ARN, sleep: async () => undefined, maxAttempts: 2 });
    kvs.conflictNext(5);
    await expect(store.apply({ puts: [{ key: 'w:u/never', value: 'private' }], deletes: [] })).rejects.toMatchObject({ name: 'ConflictException' });
    kvs.conflictNext(0);
  });
});
