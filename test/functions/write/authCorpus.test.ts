import { verifySessionToken } from '../../../shared/auth/sessionToken';
import { attackCorpus, PRIVATE_API } from '../../helpers/attackCorpus';
import { rsaPair } from '../../helpers/jwtForge';
import { TEST_KEY, TOKEN_OPTIONS, tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

/**
 * The edge's attack corpus against the write function's own auth (the JSON API, which is not
 * behind the edge): the same credentials and path tricks must not read alice's private wiki.
 */
describe('attack corpus against the write function API', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  const cases = attackCorpus(rsaPair());

  beforeAll(async () => {
    stack = await startWriteStack('auth-corpus');
    const alice = await tokenFor('alice');
    const carol = await tokenFor('carol');
    for (const wiki of ['private', 'diary']) {
      expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki, visibility: 'private' }, alice)).statusCode).toBe(201);
    }
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'public' }, alice)).statusCode).toBe(201);
    expect((await stack.call('POST', '/api/wikis', { user: 'carol', wiki: 'notes', visibility: 'private' }, carol)).statusCode).toBe(201);
    expect((await stack.call('PUT', '/api/wikis/alice/private/members/bob', { role: 'reader' }, alice)).statusCode).toBe(201);
    expect((await stack.call('PUT', '/api/wikis/carol/notes/members/dave', { role: 'editor' }, carol)).statusCode).toBe(201);
  });
  afterAll(() => stack.close());

  it('lets a member read through the API, as bearer and as cookie (the positive control)', async () => {
    const bob = await tokenFor('bob');
    expect((await stack.call('GET', PRIVATE_API, undefined, bob)).statusCode).toBe(200);
    expect((await stack.call('GET', PRIVATE_API, undefined, undefined, { headers: { cookie: `__Host-wb_session=${bob}` } })).statusCode).toBe(200);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, attack) => {
    const cookies = attack.cookies === undefined ? undefined : Array.isArray(attack.cookies) ? attack.cookies.join('; ') : attack.cookies;
    const response = await stack.call('GET', attack.apiPath ?? PRIVATE_API, undefined, attack.bearer, cookies ? { headers: { cookie: cookies } } : {});
    expect([400, 401, 403, 404]).toContain(response.statusCode);
    expect(String(response.body)).not.toContain('Welcome to your new wiki');
  });

  it('and the session-token verification the API uses lets no forged token name a reader of its target', async () => {
    let checked = 0;
    for (const c of cases) {
      const value = c.bearer ?? (typeof c.cookies === 'string' && /^__Host-wb_session=[^;]*$/.test(c.cookies) ? c.cookies.slice('__Host-wb_session='.length) : undefined);
      if (!value) continue;
      checked++;
      const identity = await verifySessionToken(value, [TEST_KEY], TOKEN_OPTIONS).catch(() => undefined);
      // What verifies is a genuine token of someone who may not read the target (mallory, dave, bob on alice/diary).
      const readers = (c.apiPath ?? PRIVATE_API).includes('/alice/private/') ? ['alice', 'bob', 'erin'] : ['alice'];
      if (identity) expect(readers).not.toContain(identity.sub);
    }
    expect(checked).toBeGreaterThan(30);
  });
});
