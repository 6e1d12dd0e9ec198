import { dynamoHttpDocument } from '../../../shared/adapters/dynamoHttpDocument';
import { dynamoTenantStore } from '../../../shared/adapters/dynamoTenantStore';
import { tenantTableStore } from '../../../shared/adapters/tenantTableStore';
import { ConflictError } from '../../../shared/core/errors';
import type { TenantStore, WikiRecord } from '../../../shared/ports/tenantStore';
import { TEST_REGION, startTestPeers } from '../../helpers/peers';

type Fixture = { store: TenantStore; close(): Promise<void> };

const adapters: Array<[string, () => Promise<Fixture>]> = [
  ['dynamoTenantStore (dynalite)', async () => {
    const peers = await startTestPeers('tenants');
    return { store: dynamoTenantStore(peers.dynamoClient, peers.table), close: () => peers.close() };
  }],
  ['tenantTableStore on dynamoHttpDocument (dynalite)', async () => {
    const peers = await startTestPeers('tenants-http');
    const doc = dynamoHttpDocument({ region: TEST_REGION, endpoint: peers.dynamo.endpoint, credentials: () => ({ accessKeyId: 'local', secretAccessKey: 'local' }) });
    return { store: tenantTableStore(doc, peers.table), close: () => peers.close() };
  }],
];

const record = (wiki: string): WikiRecord => ({
  user: 'alice', wiki, title: 'Notes', visibility: 'private', owner: 'alice',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});

describe.each(adapters)('TenantStore contract: %s', (_name, setup) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await setup();
  });
  afterAll(() => fixture.close());

  it('returns undefined for an unknown wiki', async () => {
    await expect(fixture.store.getWiki({ user: 'alice', wiki: 'nothing' })).resolves.toBeUndefined();
  });

  it('creates a wiki and reads the same record back', async () => {
    await fixture.store.createWiki(record('notes'));
    await expect(fixture.store.getWiki({ user: 'alice', wiki: 'notes' })).resolves.toEqual(record('notes'));
  });

  it('refuses to create a wiki twice and keeps the first record', async () => {
    await fixture.store.createWiki(record('twice'));
    await expect(fixture.store.createWiki({ ...record('twice'), title: 'Other' })).rejects.toThrow(ConflictError);
    await expect(fixture.store.getWiki({ user: 'alice', wiki: 'twice' })).resolves.toMatchObject({ title: 'Notes' });
  });

  it('deletes a wiki', async () => {
    await fixture.store.createWiki(record('gone'));
    await fixture.store.deleteWiki({ user: 'alice', wiki: 'gone' });
    await expect(fixture.store.getWiki({ user: 'alice', wiki: 'gone' })).resolves.toBeUndefined();
  });
});

describe.each(adapters)('TenantStore contract, members and lifecycle: %s', (_name, setup) => {
  let fixture: Fixture;
  const at = '2026-02-02T00:00:00.000Z';
  const id = (wiki: string) => ({ user: 'alice', wiki });
  beforeAll(async () => {
    fixture = await setup();
  });
  afterAll(() => fixture.close());

  it('updates title and visibility, bumps updatedAt, and finds nothing to update for unknown wikis', async () => {
    await fixture.store.createWiki(record('upd'));
    const updated = await fixture.store.updateWiki(id('upd'), { title: 'New', visibility: 'public' }, at);
    expect(updated).toEqual({ ...record('upd'), title: 'New', visibility: 'public', updatedAt: at });
    await expect(fixture.store.getWiki(id('upd'))).resolves.toEqual(updated);
    await expect(fixture.store.updateWiki(id('upd'), { title: 'Only title' }, at)).resolves.toMatchObject({ title: 'Only title', visibility: 'public' });
    await expect(fixture.store.updateWiki(id('nothing'), { title: 'x' }, at)).resolves.toBeUndefined();
  });

  it('adds, changes, reads, lists and removes members', async () => {
    await fixture.store.createWiki(record('team'));
    await expect(fixture.store.getMember(id('team'), 'bob')).resolves.toBeUndefined();
    await expect(fixture.store.putMember(id('team'), { sub: 'bob', role: 'reader', addedAt: at })).resolves.toBe(true);
    await expect(fixture.store.putMember(id('team'), { sub: 'bob', role: 'editor', addedAt: at })).resolves.toBe(false);
    await fixture.store.putMember(id('team'), { sub: 'did:plc:carol', role: 'admin', addedAt: at });
    await expect(fixture.store.getMember(id('team'), 'bob')).resolves.toEqual({ sub: 'bob', role: 'editor', addedAt: at });
    await expect(fixture.store.listMembers(id('team'))).resolves.toEqual([
      { sub: 'bob', role: 'editor', addedAt: at },
      { sub: 'did:plc:carol', role: 'admin', addedAt: at },
    ]);
    await expect(fixture.store.deleteMember(id('team'), 'bob')).resolves.toBe(true);
    await expect(fixture.store.deleteMember(id('team'), 'bob')).resolves.toBe(false);
    await expect(fixture.store.listMembers(id('team'))).resolves.toHaveLength(1);
  });

  it('lists the wikis someone owns or belongs to, with their role, by the member index', async () => {
    const dave = (wiki: string) => ({ ...record(wiki), user: 'dave', owner: 'dave' });
    await fixture.store.createWiki(dave('one'));
    await fixture.store.createWiki(dave('two'));
    await fixture.store.createWiki(record('shared'));
    await fixture.store.putMember({ user: 'alice', wiki: 'shared' }, { sub: 'dave', role: 'editor', addedAt: at });
    const mine = await fixture.store.listWikisOf('dave');
    expect(mine.map((w) => [`${w.record.user}/${w.record.wiki}`, w.role])).toEqual([
      ['alice/shared', 'editor'], ['dave/one', 'admin'], ['dave/two', 'admin'],
    ]);
    expect(mine[0]!.record).toEqual(record('shared'));
    await expect(fixture.store.listWikisOf('nobody')).resolves.toEqual([]);
  });

  it('marks a deleted wiki, drops its members and lets the name be taken again', async () => {
    await fixture.store.createWiki(record('reuse'));
    await fixture.store.putMember(id('reuse'), { sub: 'erin', role: 'reader', addedAt: at });
    await fixture.store.deleteWiki(id('reuse'), at);
    await expect(fixture.store.getWiki(id('reuse'))).resolves.toBeUndefined();
    await expect(fixture.store.listMembers(id('reuse'))).resolves.toEqual([]);
    await expect(fixture.store.listWikisOf('erin')).resolves.toEqual([]);
    expect((await fixture.store.listWikisOf('alice')).map((w) => w.record.wiki)).not.toContain('reuse');
    await expect(fixture.store.updateWiki(id('reuse'), { title: 'x' }, at)).resolves.toBeUndefined();
    await fixture.store.createWiki({ ...record('reuse'), title: 'Again' });
    await expect(fixture.store.getWiki(id('reuse'))).resolves.toMatchObject({ title: 'Again' });
    await expect(fixture.store.createWiki(record('reuse'))).rejects.toThrow(ConflictError);
  });

  it('deleting an unknown wiki is not an error', async () => {
    await expect(fixture.store.deleteWiki(id('never'), at)).resolves.toBeUndefined();
    await expect(fixture.store.getWiki(id('never'))).resolves.toBeUndefined();
  });
});
