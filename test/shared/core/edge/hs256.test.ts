import { createHmac } from 'node:crypto';
import { constantTimeEqual, verifyHs256, type Hs256Deps } from '../../../../shared/core/edge/hs256';
import { claims, hs256, nowSeconds } from '../../../helpers/jwtForge';

const SECRET = 'unit-secret-that-is-long-enough-0123456789';
const calls: string[] = [];
const deps: Hs256Deps = {
  key: async (kid) => (calls.push(`key:${kid}`), kid === 'k1' ? { secret: Buffer.from(SECRET).toString('base64url'), iss: 'wikibot', aud: 'wikibot' } : undefined),
  hmac: (secret, data) => (calls.push('hmac'), createHmac('sha256', Buffer.from(secret, 'base64url')).update(data).digest('base64url')),
  now: () => nowSeconds(),
  decode: (part) => Buffer.from(part, 'base64url').toString('utf8'),
};
const sign = (over: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', kid: 'k1' }) => hs256(header, claims('bob', over), SECRET);

describe('verifyHs256 (the edge verifier)', () => {
  beforeEach(() => (calls.length = 0));

  it('verifies a session token and returns its sub', async () => {
    expect(await verifyHs256(sign(), deps)).toEqual({ sub: 'bob' });
    expect(await verifyHs256(sign({ aud: ['x', 'wikibot'] }), deps)).toEqual({ sub: 'bob' });
  });

  it('checks the signature before it reads a single claim', async () => {
    const token = sign();
    const [h, , s] = token.split('.');
    const notJson = Buffer.from('{not json').toString('base64url');
    // A payload that is not even JSON fails at the signature, which is computed first.
    const decoded: string[] = [];
    const spying: Hs256Deps = { ...deps, decode: (p) => (decoded.push(p), deps.decode(p)) };
    expect(await verifyHs256(`${h}.${notJson}.${s}`, spying)).toBeUndefined();
    expect(decoded).toEqual([h]);
    expect(calls).toEqual(['key:k1', 'hmac']);
  });

  it('never computes an HMAC for a wrong alg or an unknown kid', async () => {
    expect(await verifyHs256(sign({}, { alg: 'none', kid: 'k1' }), deps)).toBeUndefined();
    expect(await verifyHs256(sign({}, { alg: 'HS512', kid: 'k1' }), deps)).toBeUndefined();
    expect(await verifyHs256(sign({}, { alg: 'HS256', kid: 'k2' }), deps)).toBeUndefined();
    expect(calls).toEqual(['key:k2']);
  });

  it.each([
    ['expired beyond the skew', { exp: nowSeconds() - 61 }],
    ['no exp', { exp: undefined }],
    ['nbf ahead beyond the skew', { nbf: nowSeconds() + 120 }],
    ['iat ahead', { iat: nowSeconds() + 120 }],
    ['longer than 8 h', { exp: nowSeconds() + 8 * 3600 + 120 }],
    ['wrong iss', { iss: 'x' }],
    ['wrong aud', { aud: 'x' }],
    ['no sub', { sub: undefined }],
    ['numeric sub', { sub: 7 }],
  ])('refuses a token with %s', async (_what, over) => {
    expect(await verifyHs256(sign(over), deps)).toBeUndefined();
  });

  it('accepts exp within 60 s of skew', async () => {
    expect(await verifyHs256(sign({ exp: nowSeconds() - 59 }), deps)).toEqual({ sub: 'bob' });
  });

  it('compares in constant time, by hand', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
