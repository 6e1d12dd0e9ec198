import { mintToken, parseTtl } from '../../tools/token';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import { verifySessionToken } from '../../shared/auth/sessionToken';
import settings from '../../local/settings.json';

describe('npm run token', () => {
  it('mints a session token with the key of a settings file', async () => {
    const token = await mintToken(['--sub', 'alice', '--name', 'Alice', '--email', 'a@example.com', '--ttl', '30m', '--settings', 'local/settings.json']);
    const identity = await verifySessionToken(token, parseSessionKeys(settings.sessionKeys), settings);
    expect(identity).toEqual({ sub: 'alice', name: 'Alice', email: 'a@example.com' });
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp - Math.floor(Date.now() / 1000);
    expect(exp).toBeGreaterThan(1790);
    expect(exp).toBeLessThanOrEqual(1800);
  });

  it('signs with the chosen kid of the keys given', async () => {
    const keys = 'new=new-secret-key-that-is-long-enough-000000,old=old-secret-key-that-is-long-enough-111111';
    const token = await mintToken(['--sub', 'bob', '--keys', keys, '--kid', 'old']);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256', kid: 'old' });
    await expect(verifySessionToken(token, parseSessionKeys(keys), { issuer: 'wikibot', audience: 'wikibot' })).resolves.toMatchObject({ sub: 'bob' });
  });

  it('refuses a missing sub, a bad or too long ttl and an unknown kid', async () => {
    await expect(mintToken(['--name', 'x'])).rejects.toThrow(/--sub/);
    await expect(mintToken(['--sub', 'a', '--ttl', '9h'])).rejects.toThrow(/at most 8h/);
    await expect(mintToken(['--sub', 'a', '--ttl', 'soon'])).rejects.toThrow(/duration/);
    await expect(mintToken(['--sub', 'a', '--kid', 'nope', '--settings', 'local/settings.json'])).rejects.toThrow(/kid "nope"/);
    await expect(mintToken(['--sub', 'a', '--settings', 'no/such.json'])).rejects.toThrow(/does not exist/);
    expect([parseTtl('90'), parseTtl('90s'), parseTtl('30m'), parseTtl('8h'), parseTtl('1d')]).toEqual([90, 90, 1800, 28800, undefined]);
  });
});
