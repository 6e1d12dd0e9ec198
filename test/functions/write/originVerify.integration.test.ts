import { ORIGIN_VERIFY_HEADER } from '../../../functions/write/app';
import { loadWriteConfig } from '../../../functions/write/config';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

const SECRET = 'origin-verify-secret-for-tests-0123456789';

/** The execute-api URL is public: with ORIGIN_VERIFY_SECRET only the distribution's requests get through. */
describe('write function: origin verify header (s3rver + dynalite + git)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  beforeAll(async () => {
    stack = await startWriteStack('origin-verify', { originVerifySecret: SECRET });
    alice = await tokenFor('alice');
  });
  afterAll(() => stack.close());

  it.each([
    ['no header', {}],
    ['an empty header', { [ORIGIN_VERIFY_HEADER]: '' }],
    ['a wrong secret', { [ORIGIN_VERIFY_HEADER]: SECRET.replace(/.$/, 'x') }],
    ['a prefix of the secret', { [ORIGIN_VERIFY_HEADER]: SECRET.slice(0, -1) }],
    ['the secret with more after it', { [ORIGIN_VERIFY_HEADER]: `${SECRET}x` }],
  ])('refuses a request with %s (403), whatever its credentials, and changes nothing', async (_what, headers) => {
    const before = await stack.snapshot();
    for (const [method, path, body] of [['POST', '/api/wikis', { user: 'alice', wiki: 'direct' }], ['GET', '/api/wikis', undefined], ['POST', '/auth/logout', undefined], ['POST', '/mcp', {}]] as const) {
      const response = await stack.call(method, path, body, alice, { headers });
      expect(response.statusCode).toBe(403);
      expect(response.json.error.message).toMatch(/only requests that come through the site/);
    }
    expect(await stack.snapshot()).toEqual(before);
  });

  it('serves a request that carries the secret', async () => {
    const created = await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'via-cdn' }, alice, { headers: { [ORIGIN_VERIFY_HEADER]: SECRET } });
    expect(created.statusCode).toBe(201);
  });

  it('refuses a short secret at cold start', () => {
    const env = { BUCKET: 'b', TENANTS_TABLE: 't', DATA_DIR: '/d', SESSION_KEYS: 'k=v' };
    expect(() => loadWriteConfig({ ...env, ORIGIN_VERIFY_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadWriteConfig({ ...env, ORIGIN_VERIFY_SECRET: SECRET }).originVerifySecret).toBe(SECRET);
    expect(loadWriteConfig({ ...env, ORIGIN_VERIFY_SECRET: '' }).originVerifySecret).toBeUndefined();
  });
});
