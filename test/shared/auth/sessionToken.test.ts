import { SignJWT } from 'jose';
import { bearerToken, verifySessionToken } from '../../../shared/auth/sessionToken';
import { UnauthorizedError } from '../../../shared/core/errors';
import { TEST_KEY, TOKEN_OPTIONS, tokenFor } from '../../helpers/tokens';

const encoder = new TextEncoder();
const otherKey = { kid: 'other', secret: encoder.encode('another-secret-key-that-is-long-enough-987') };

describe('sessionToken', () => {
  it('verifies a token it signed and returns the identity', async () => {
    await expect(verifySessionToken(await tokenFor('alice'), [TEST_KEY], TOKEN_OPTIONS)).resolves.toEqual({
      sub: 'alice', name: 'alice person', email: 'alice@example.com',
    });
  });

  it('accepts tokens of every key in rotation', async () => {
    const token = await tokenFor('alice', { key: otherKey });
    await expect(verifySessionToken(token, [TEST_KEY, otherKey], TOKEN_OPTIONS)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('rejects an unknown kid, a wrong secret and a tampered payload', async () => {
    await expect(verifySessionToken(await tokenFor('alice', { key: otherKey }), [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
    const forged = await tokenFor('alice', { key: { kid: 'test', secret: otherKey.secret } });
    await expect(verifySessionToken(forged, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
    const [h, , s] = (await tokenFor('alice')).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', exp: 9999999999, iss: 'wikibot', aud: 'wikibot' })).toString('base64url');
    await expect(verifySessionToken(`${h}.${payload}.${s}`, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects alg "none" and other algorithms', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: 'test' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'alice', exp: 9999999999, iss: 'wikibot', aud: 'wikibot' })).toString('base64url');
    await expect(verifySessionToken(`${header}.${payload}.`, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512', kid: 'test' }).setSubject('alice')
      .setIssuer('wikibot').setAudience('wikibot').setExpirationTime('1h').sign(encoder.encode('x'.repeat(64)));
    await expect(verifySessionToken(hs512, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects expired tokens beyond the 60 s skew, but accepts within it', async () => {
    const old = await tokenFor('alice', { ttlSeconds: 60, now: new Date(Date.now() - 200_000) });
    await expect(verifySessionToken(old, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(/expired/);
    const recent = await tokenFor('alice', { ttlSeconds: 60, now: new Date(Date.now() - 90_000) });
    await expect(verifySessionToken(recent, [TEST_KEY], TOKEN_OPTIONS)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('rejects a token for another audience or issuer, and one without exp', async () => {
    const token = await tokenFor('alice');
    await expect(verifySessionToken(token, [TEST_KEY], { ...TOKEN_OPTIONS, audience: 'other' })).rejects.toThrow(UnauthorizedError);
    await expect(verifySessionToken(token, [TEST_KEY], { ...TOKEN_OPTIONS, issuer: 'other' })).rejects.toThrow(UnauthorizedError);
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'test' }).setSubject('alice')
      .setIssuer('wikibot').setAudience('wikibot').sign(TEST_KEY.secret);
    await expect(verifySessionToken(noExp, [TEST_KEY], TOKEN_OPTIONS)).rejects.toThrow(UnauthorizedError);
  });

  it('caps the lifetime at 8 hours', async () => {
    const token = await tokenFor('alice', { ttlSeconds: 30 * 24 * 3600 });
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(8 * 3600);
  });
});

describe('bearerToken', () => {
  it('extracts the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  x ')).toBe('x');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
