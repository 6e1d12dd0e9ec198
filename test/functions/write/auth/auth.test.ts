import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { handleAuthRequest, type AuthDeps } from '../../../../functions/write/auth';
import { safeReturnTo } from '../../../../functions/write/auth/returnTo';
import { idpVerifier } from '../../../../shared/auth/idpToken';
import { verifySessionToken } from '../../../../shared/auth/sessionToken';
import type { HttpRequest } from '../../../../shared/http/request';
import { TEST_KEY, TOKEN_OPTIONS, tokenFor } from '../../../helpers/tokens';

const IDP = { issuer: 'https://idp.example', audience: 'wikibot' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'r1', alg: 'RS256' }] };
const idpToken = (sub: string, times: { iat?: number; exp?: string | number } = {}) => new SignJWT({ name: 'Idp Person', email: 'p@example.com' })
  .setProtectedHeader({ alg: 'RS256', kid: 'r1' }).setSubject(sub).setIssuer(IDP.issuer).setAudience(IDP.audience).setIssuedAt(times.iat).setExpirationTime(times.exp ?? '5m')
  .sign(rsa.privateKey);

const deps = (over: Partial<AuthDeps> = {}): AuthDeps => ({
  sessionKeys: [TEST_KEY], ...TOKEN_OPTIONS, idp: idpVerifier({ ...IDP, jwks: jwks as never }), devSignIn: false, ...over,
});
function request(method: string, path: string, options: { body?: string; headers?: Record<string, string>; cookies?: Record<string, string> } = {}): HttpRequest {
  const url = new URL(path, 'http://localhost');
  return {
    method, rawPath: url.pathname, segments: url.pathname.split('/').filter(Boolean), query: url.searchParams,
    headers: { host: 'localhost', ...options.headers }, cookies: options.cookies ?? {}, body: options.body, bodyBytes: undefined,
  };
}
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieToken = (setCookie: unknown) => /^__Host-wb_session=([^;]+);/.exec(String(setCookie))![1]!;

describe('return_to: same-site paths only', () => {
  it.each([
    ['/alice/private/Home', '/alice/private/Home'],
    ['/alice/private/-/search?q=x', '/alice/private/-/search?q=x'],
    ['/a/b/../c', '/a/c'],
  ])('keeps %s', (value, expected) => expect(safeReturnTo(value)).toBe(expected));

  it.each([
    '//evil.example/x', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', 'http:evil', 'javascript:alert(1)',
    '/%2F%2Fevil.example', '%2F%2Fevil.example', '/%5Cevil.example', '/%252F%252Fevil.example', '/%09/evil.example', '/ /evil',
    'evil.example', '', '/x\u0000', '/%E0%A4%A', `/${'a'.repeat(3000)}`,
  ])('refuses %j (→ /)', (value) => expect(safeReturnTo(value)).toBe('/'));
});

describe('/auth endpoints', () => {
  it('POST /auth/session turns an identity-provider token into the session cookie', async () => {
    const response = (await handleAuthRequest(request('POST', '/auth/session', { headers: { authorization: `Bearer ${await idpToken('bob')}` } }), deps()))!;
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers!['set-cookie']);
    expect(cookie).toMatch(/; Path=\/; Max-Age=28800; HttpOnly; Secure; SameSite=Lax$/);
    expect(await verifySessionToken(cookieToken(cookie), [TEST_KEY], TOKEN_OPTIONS)).toEqual({ sub: 'bob', name: 'Idp Person', email: 'p@example.com' });
    expect(JSON.parse(String(response.body))).toMatchObject({ sub: 'bob' });
  });

  it('a form post with the token redirects to return_to, and never off-site', async () => {
    const body = `token=${await idpToken('bob')}&return_to=%2F%2Fevil.example`;
    const response = (await handleAuthRequest(request('POST', '/auth/session', { body, headers: form }), deps()))!;
    expect(response.statusCode).toBe(303);
    expect(response.headers!.location).toBe('/');
  });

  it('exchanging a session token cannot extend it', async () => {
    const short = await tokenFor('carol', { ttlSeconds: 120 });
    const response = (await handleAuthRequest(request('POST', '/auth/session', { headers: { authorization: `Bearer ${short}` } }), deps()))!;
    expect(String(response.headers!['set-cookie'])).toMatch(/Max-Age=1[12]\d;/);
  });

  it('refuses bad tokens, IdP tokens without an IdP, and cross-site posts', async () => {
    await expect(handleAuthRequest(request('POST', '/auth/session', { headers: { authorization: 'Bearer x.y.z' } }), deps())).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(handleAuthRequest(request('POST', '/auth/session', { headers: { authorization: `Bearer ${await idpToken('bob')}` } }), deps({ idp: undefined })))
      .rejects.toMatchObject({ code: 'unauthorized' });
    await expect(handleAuthRequest(request('POST', '/auth/session', {
      headers: { authorization: `Bearer ${await idpToken('bob')}`, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    }), deps())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handleAuthRequest(request('GET', '/auth/session'), deps())).rejects.toMatchObject({ code: 'method_not_allowed' });
  });

  it('GET /auth/login explains what to do: the dev form locally, the IdP link when deployed', async () => {
    const local = (await handleAuthRequest(request('GET', '/auth/login?return_to=%2Falice%2Fprivate%2F'), deps({ devSignIn: true })))!;
    expect(local.headers!['cache-control']).toBe('no-store');
    expect(local.body).toContain('Sign in to continue to <code>/alice/private/</code>. A private wiki shows only to its members.');
    expect(local.body).toContain('name="handle"');
    const deployed = (await handleAuthRequest(request('GET', '/auth/login?return_to=//evil'), deps({ idpLoginUrl: 'https://idp.example/authorize?client_id=wikibot' })))!;
    expect(deployed.body).not.toContain('name="handle"');
    expect(deployed.body).toContain('href="https://idp.example/authorize?client_id=wikibot&amp;state=%2F"');
    const signedIn = (await handleAuthRequest(request('GET', '/auth/login', { cookies: { '__Host-wb_session': await tokenFor('mallory') } }), deps()))!;
    expect(signedIn.body).toContain('<code>mallory</code>');
    expect(signedIn.body).toContain('action="/auth/logout"');
  });

  it('POST /auth/login signs in with any handle only when devSignIn is on', async () => {
    const body = 'handle=dave&name=Dave&return_to=%2Fcarol%2Fnotes%2F';
    const response = (await handleAuthRequest(request('POST', '/auth/login', { body, headers: form }), deps({ devSignIn: true })))!;
    expect(response.statusCode).toBe(303);
    expect(response.headers!.location).toBe('/carol/notes/');
    expect((await verifySessionToken(cookieToken(response.headers!['set-cookie']), [TEST_KEY], TOKEN_OPTIONS)).sub).toBe('dave');
    await expect(handleAuthRequest(request('POST', '/auth/login', { body, headers: form }), deps())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('POST /auth/logout clears the cookie', async () => {
    const json = (await handleAuthRequest(request('POST', '/auth/logout'), deps()))!;
    expect(json.statusCode).toBe(200);
    expect(String(json.headers!['set-cookie'])).toMatch(/^__Host-wb_session=; Path=\/; Max-Age=0; .*HttpOnly; Secure; SameSite=Lax$/);
    const browser = (await handleAuthRequest(request('POST', '/auth/logout', { body: 'return_to=https://evil.example', headers: form }), deps()))!;
    expect([browser.statusCode, browser.headers!.location]).toEqual([303, '/']);
  });

  it.each(['/a/..//evil.example', '/.//evil.example', '/%2e//evil.example', '/a/%2E%2E//evil.example'])(
    'sends no endpoint off-site for return_to=%j (login form, dev sign-in, logout, session)', async (target) => {
      const encoded = encodeURIComponent(target);
      const page = (await handleAuthRequest(request('GET', `/auth/login?return_to=${encoded}`), deps({ devSignIn: true })))!;
      expect(String(page.body)).not.toContain('evil.example');
      const responses = [
        (await handleAuthRequest(request('POST', '/auth/login', { body: `handle=dave&name=Dave&return_to=${encoded}`, headers: form }), deps({ devSignIn: true })))!,
        (await handleAuthRequest(request('POST', '/auth/logout', { body: `return_to=${encoded}`, headers: form }), deps()))!,
        (await handleAuthRequest(request('POST', '/auth/session', { body: `token=${await idpToken('bob')}&return_to=${encoded}`, headers: form }), deps()))!,
      ];
      for (const response of responses) expect([response.statusCode, response.headers!.location]).toEqual([303, '/']);
    });

  it('refuses identity-provider tokens outside the one lifetime policy (30 days long, issued in the future, no iat)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noIat = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'r1' }).setSubject('bob').setIssuer(IDP.issuer)
      .setAudience(IDP.audience).setExpirationTime('5m').sign(rsa.privateKey);
    for (const token of [await idpToken('bob', { exp: '30d' }), await idpToken('bob', { iat: now + 10 * 365 * 86400 }), noIat]) {
      const response = handleAuthRequest(request('POST', '/auth/session', { headers: { authorization: `Bearer ${token}` } }), deps());
      await expect(response).rejects.toMatchObject({ code: 'unauthorized' });
    }
  });

  it('leaves other paths to the API router', async () => {
    expect(await handleAuthRequest(request('GET', '/api/wikis'), deps())).toBeUndefined();
  });
});
