import { signSessionToken, type SessionKey } from '../../shared/auth/sessionToken';

export const TEST_KEYS_SETTING = 'test=test-secret-key-that-is-long-enough-123456';
export const TEST_KEY: SessionKey = {
  kid: 'test',
  secret: new TextEncoder().encode('test-secret-key-that-is-long-enough-123456'),
};
export const TOKEN_OPTIONS = { issuer: 'wikibot', audience: 'wikibot' };

export function tokenFor(sub: string, overrides: { ttlSeconds?: number; key?: SessionKey; now?: Date } = {}) {
  return signSessionToken({ sub, name: `${sub} person`, email: `${sub}@example.com` }, overrides.key ?? TEST_KEY, {
    ...TOKEN_OPTIONS,
    ttlSeconds: overrides.ttlSeconds ?? 3600,
    now: overrides.now,
  });
}
