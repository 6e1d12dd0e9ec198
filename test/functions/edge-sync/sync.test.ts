import { applyStreamRecords, resync, sha256 } from '../../../functions/edge-sync/sync';
import { scanTenants } from '../../../functions/edge-sync/scanTenants';
import { TenantStreamEmulator } from '../../../local/tenantStream';
import { dynamoTenantStore } from '../../../shared/adapters/dynamoTenantStore';
import { memoryEdgeConfigStore } from '../../../shared/adapters/memoryEdgeConfigStore';
import { changesOfRecord, diffEntries, entriesOfItem, mergeChanges } from '../../../shared/adapters/tenantEdgeEntries';
import { parseSessionKeys } from '../../../shared/auth/sessionKeys';
import { startTestPeers } from '../../helpers/peers';

const at = '2026-01-01T00:00:00.000Z';
const wikiItem = (visibility: string, extra: Record<string, unknown> = {}) =>
  ({ PK: 'WIKI#alice/w', SK: 'META', type: 'wiki', user: 'alice', wiki: 'w', visibility, ...extra });
const memberItem = (sub: string, role: string) => ({ PK: 'WIKI#alice/w', SK: `MEMBER#${sub}`, type: 'member', user: 'alice', wiki: 'w', sub, role });

describe('tenants records → KeyValueStore entries (pure)', () => {
  it('maps live wikis to their visibility and members to their role; nothing else', () => {
    expect(entriesOfItem(wikiItem('private'), sha256)).toEqual([{ key: 'w:alice/w', value: 'private' }]);
    expect(entriesOfItem(wikiItem('public', { deleted: true }), sha256)).toEqual([]);
    expect(entriesOfItem(memberItem('bob', 'editor'), sha256)).toEqual([{ key: 'm:alice/w:bob', value: 'editor' }]);
    expect(entriesOfItem(memberItem('bob', 'owner'), sha256)).toEqual([]);
    expect(entriesOfItem({ PK: 'LOCK#x', SK: 'META' }, sha256)).toEqual([]);
  });

  it('turns a stream record into puts and deletes', () => {
    expect(changesOfRecord(undefined, wikiItem('public'), sha256)).toEqual({ puts: [{ key: 'w:alice/w', value: 'public' }], deletes: [] });
    expect(changesOfRecord(wikiItem('public'), wikiItem('private'), sha256)).toEqual({ puts: [{ key: 'w:alice/w', value: 'private' }], deletes: [] });
    expect(changesOfRecord(wikiItem('private'), wikiItem('private', { title: 'x' }), sha256)).toEqual({ puts: [], deletes: [] });
    expect(changesOfRecord(wikiItem('private'), wikiItem('private', { deleted: true }), sha256)).toEqual({ puts: [], deletes: ['w:alice/w'] });
    expect(changesOfRecord(memberItem('bob', 'reader'), undefined, sha256)).toEqual({ puts: [], deletes: ['m:alice/w:bob'] });
  });

  it('merges a batch so the last change to a key wins, and diffs a resync', () => {
    expect(mergeChanges([
      { puts: [{ key: 'a', value: '1' }], deletes: ['b'] },
      { puts: [{ key: 'b', value: '2' }], deletes: ['a'] },
    ])).toEqual({ puts: [{ key: 'b', value: '2' }], deletes: ['a'] });
    expect(diffEntries([{ key: 'w:a/b', value: 'private' }], [{ key: 'w:a/b', value: 'public' }, { key: 'm:a/b:x', value: 'reader' }, { key: 'other', value: 'kept' }]))
      .toEqual({ puts: [{ key: 'w:a/b', value: 'private' }], deletes: ['m:a/b:x'] });
  });
});

describe('edge-sync against a real table (dynalite, stream emulated)', () => {
  it('follows creates, visibility flips, member changes and deletes; a resync repairs drift', async () => {
    const peers = await startTestPeers('edge-sync');
    try {
      const tenants = dynamoTenantStore(peers.dynamoClient, peers.table);
      const stream = new TenantStreamEmulator(peers.dynamoClient, peers.table);
      const store = memoryEdgeConfigStore();
      const pump = async () => applyStreamRecords(await stream.poll(), store);
      await pump();
      const id = { user: 'alice', wiki: 'w' };
      await tenants.createWiki({ ...id, title: 'W', visibility: 'public', owner: 'alice', createdAt: at, updatedAt: at });
      await tenants.putMember(id, { sub: 'bob', role: 'reader', addedAt: at });
      await tenants.putMember(id, { sub: 'ünï', role: 'editor', addedAt: at });
      await pump();
      expect(await store.list()).toEqual([
        { key: `m:alice/w:#${sha256('ünï')}`, value: 'editor' },
        { key: 'm:alice/w:bob', value: 'reader' },
        { key: 'w:alice/w', value: 'public' },
      ]);
      await tenants.updateWiki(id, { visibility: 'private' }, at);
      await tenants.deleteMember(id, 'bob');
      const changes = await pump();
      expect(changes).toEqual({ puts: [{ key: 'w:alice/w', value: 'private' }], deletes: ['m:alice/w:bob'] });
      await tenants.deleteWiki(id, at);
      await pump();
      expect(await store.list()).toEqual([]);

      // Drift (a lost batch, a hand edit): the full resync puts back exactly table + keys.
      await tenants.createWiki({ user: 'carol', wiki: 'x', title: 'X', visibility: 'private', owner: 'carol', createdAt: at, updatedAt: at });
      await store.apply({ puts: [{ key: 'w:stale/one', value: 'public' }], deletes: [] });
      const out = await resync({ scan: () => scanTenants(peers.dynamoClient, peers.table), sessionKeys: parseSessionKeys('k1=0123456789abcdef0123456789abcdef'), issuer: 'i', audience: 'a' }, store);
      expect(out.deletes).toEqual(['w:stale/one']);
      expect((await store.list()).map((e) => e.key)).toEqual(['k:k1', 'w:carol/x']);
      expect(JSON.parse((await store.get('k:k1'))!)).toEqual({ s: Buffer.from('0123456789abcdef0123456789abcdef').toString('base64url'), iss: 'i', aud: 'a' });
    } finally {
      await peers.close();
    }
  });
});
