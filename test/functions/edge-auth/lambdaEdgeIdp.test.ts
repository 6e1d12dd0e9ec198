import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { runLambdaEdge } from '../../../local/edge';
import { signSessionToken } from '../../../shared/auth/sessionToken';
import { PRIVATE_PAGE } from '../../helpers/attackCorpus';
import { EDGE_KEYS, EDGE_KEYS_SETTING, startEdgeTestBed, viewer, type EdgeTestBed } from '../../helpers/edgeBuilds';

const IDP = { issuer: 'https://idp.example', audience: 'wikibot-client' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = (key: KeyObject, kid: string, alg: string) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' });

function idpToken(sub: string, alg: 'RS256' | 'ES256', options: { key?: KeyObject; kid?: string; issuer?: string; iat?: number; exp?: string | number } = {}) {
  return new SignJWT({ name: sub })
    .setProtectedHeader({ alg, kid: options.kid ?? (alg === 'RS256' ? 'rsa-1' : 'ec-1') })
    .setSubject(sub).setIssuer(options.issuer ?? IDP.issuer).setAudience(IDP.audience).setIssuedAt(options.iat).setExpirationTime(options.exp ?? '10m')
    .sign(options.key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey));
}

describe('Lambda@Edge build: identity-provider tokens (JWKS baked in)', () => {
  let bed: EdgeTestBed;
  beforeAll(async () => {
    bed = await startEdgeTestBed('edge-idp', { idp: { ...IDP, jwks: { keys: [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')] as never } } });
  });
  afterAll(() => bed.close());
  const lambda = () => bed.builds.find((b) => b.name === 'lambda-edge')!;

  it('bakes the JWKS into the bundle', () => {
    expect(bed.lambdaCode.includes('kid:"rsa-1"')).toBe(true);
  });

  it.each(['RS256', 'ES256'] as const)('accepts a member\'s %s bearer token', async (alg) => {
    expect((await lambda().request(viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', alg), accept: '*/*' }))).pass).toBe(true);
  });

  it('refuses IdP tokens as the session cookie, from another issuer, by another key, or of a non-member', async () => {
    const refused = [
      viewer(PRIVATE_PAGE, { cookies: `__Host-wb_session=${await idpToken('bob', 'RS256')}` }),
      viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'RS256', { issuer: 'https://evil.example' }) }),
      viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'RS256', { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }) }),
      viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'ES256', { kid: 'rsa-1' }) }),
      viewer(PRIVATE_PAGE, { bearer: await idpToken('mallory', 'ES256') }),
      // The one lifetime policy (shared/core/edge/tokenLifetime.ts) holds for provider tokens too.
      viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'RS256', { exp: '30d' }) }),
      viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'ES256', { iat: Math.floor(Date.now() / 1000) + 10 * 365 * 86400, exp: '10m' }) }),
    ];
    for (const request of refused) expect((await lambda().request(request)).pass).toBe(false);
  });

  it('the CloudFront Function build accepts session tokens only', async () => {
    const cf = bed.builds.find((b) => b.name === 'cloudfront-function')!;
    expect((await cf.request(viewer(PRIVATE_PAGE, { bearer: await idpToken('bob', 'RS256') }))).pass).toBe(false);
  });
});

describe('Lambda@Edge build: session keys from SSM, reloaded for a new kid', () => {
  let bed: EdgeTestBed;
  let server: http.Server;
  let parameter = 'test=test-secret-key-that-is-long-enough-123456';
  const calls: unknown[] = [];

  beforeAll(async () => {
    // A stand-in for SSM's JSON API: GetParameter on the one parameter the gate is built with.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ target: req.headers['x-amz-target'], signed: /^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization)), body: JSON.parse(body) });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ Parameter: { Name: '/wikibot/test/session-keys', Type: 'SecureString', Value: parameter } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bed = await startEdgeTestBed('edge-ssm', {
      sessionKeys: undefined, sessionKeysParameter: '/wikibot/test/session-keys', ssmEndpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });
  afterAll(async () => {
    await bed.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the keys once, signed, with decryption, and verifies with them', async () => {
    let now = Math.floor(Date.now() / 1000);
    const handler = bed.lambdaWith({ now: () => now });
    const token = (kid: string) => signSessionToken({ sub: 'bob', name: 'Bob' }, EDGE_KEYS[kid]!, { issuer: 'wikibot', audience: 'wikibot', ttlSeconds: 600 });
    const read = async (kid: string) => (await runLambdaEdge(handler, viewer(PRIVATE_PAGE, { cookies: `__Host-wb_session=${await token(kid)}` }), PRIVATE_PAGE)).pass;
    expect(await read('test')).toBe(true);
    expect(await read('test')).toBe(true);
    expect(calls).toEqual([{ target: 'AmazonSSM.GetParameter', signed: true, body: { Name: '/wikibot/test/session-keys', WithDecryption: true } }]);
    // Rotation: the operator adds `next`; a token of the new kid makes the gate reload (at most twice a minute).
    expect(await read('next')).toBe(false);
    parameter = EDGE_KEYS_SETTING;
    expect(await read('next')).toBe(false);
    now += 31;
    expect(await read('next')).toBe(true);
    expect(await read('test')).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
