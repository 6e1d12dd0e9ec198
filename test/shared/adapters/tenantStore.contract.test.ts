import { dynamoTenantStore } from '../../../shared/adapters/dynamoTenantStore';
import { ConflictError } from '../../../shared/core/errors';
import type { TenantStore, WikiRecord } from '../../../shared/ports/tenantStore';
import { startTestPeers } from '../../helpers/peers';

type Fixture = { store: TenantStore; close(): Promise<void> };

const adapters: Array<[string, () => Promise<Fixture>]> = [
  ['dynamoTenantStore (dynalite)', async () => {
    const peers = await startTestPeers('tenants');
    return { store: dynamoTenantStore(peers.dynamoClient, peers.table), close: () => peers.close() };
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
