import type { KeyObject } from 'node:crypto';
import { EDGE_KEYS } from './edgeBuilds';
import { b64url, claims, hs256, nowSeconds, rs256 } from './jwtForge';

/**
 * The attack corpus (issue 5): requests toward alice's private wiki by someone who must not read
 * it. Every case is run against both edge builds and, through the JSON API, against the write
 * function's own auth; each must be refused.
 */
export interface AttackCase {
  readonly name: string;
  /** The page URL at the edge. */
  readonly url: string;
  readonly cookies?: string | string[];
  readonly bearer?: string;
  readonly accept?: string;
  /** The API path that reads the same thing (default: alice/private's home page). */
  readonly apiPath?: string;
}

export const PRIVATE_PAGE = '/alice/private/Home';
export const PRIVATE_API = '/api/wikis/alice/private/pages/home';

const SECRET = Buffer.from(EDGE_KEYS.test!.secret);
const HEADER = { alg: 'HS256', typ: 'JWT', kid: 'test' };
/** A correctly signed session token with some header or claims changed. */
const token = (sub: string, over: Record<string, unknown> = {}, header: Record<string, unknown> = HEADER, secret: string | Buffer = SECRET) =>
  hs256(header, claims(sub, over), secret);

export function attackCorpus(idp: { publicKey: KeyObject; privateKey: KeyObject }): AttackCase[] {
  const now = nowSeconds();
  const bob = token('bob');
  const mallory = token('mallory');
  const [bobHead, bobBody, bobSig] = bob.split('.') as [string, string, string];
  const malloryBody = mallory.split('.')[1]!;
  const publicPem = idp.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const publicJwk = JSON.stringify(idp.publicKey.export({ format: 'jwk' }));
  const asAlice = `${bobHead}.${b64url(claims('alice'))}.${bobSig}`;
  const cookie = (value: string) => `__Host-wb_session=${value}`;
  const huge = token('bob', { pad: 'x'.repeat(6000) }).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));

  const tokenCases: [string, string][] = [
    ['alg none, no signature', `${b64url({ alg: 'none', typ: 'JWT', kid: 'test' })}.${bobBody}.`],
    ['alg none with the real signature', `${b64url({ alg: 'none', kid: 'test' })}.${bobBody}.${bobSig}`],
    ['alg "None" (case games)', `${b64url({ alg: 'None', kid: 'test' })}.${bobBody}.`],
    ['alg hs256 (lower case)', token('bob', {}, { alg: 'hs256', kid: 'test' })],
    ['HS256 signed with the IdP RSA public key (PEM) as secret', token('bob', {}, { alg: 'HS256', kid: 'idp-rsa' }, publicPem)],
    ['HS256 signed with the IdP public key (PEM), known kid', token('bob', {}, HEADER, publicPem)],
    ['HS256 signed with the IdP public key (JWK JSON)', token('bob', {}, HEADER, publicJwk)],
    ['RS256 by an unknown key claiming kid "test"', rs256({ alg: 'RS256', kid: 'test' }, claims('bob'), idp.privateKey)],
    ['expired two minutes ago', token('bob', { exp: now - 120, iat: now - 3720 })],
    ['no exp claim', hs256(HEADER, { sub: 'bob', iss: 'wikibot', aud: 'wikibot', iat: now }, SECRET)],
    ['exp as a string', token('bob', { exp: String(now + 3600) })],
    ['nbf five minutes ahead', token('bob', { nbf: now + 300 })],
    ['lives longer than 8 h', token('bob', { exp: now + 9 * 3600 })],
    ['iat ten years ahead (an "age" of minus ten years)', token('bob', { iat: now + 10 * 365 * 86400 })],
    ['iat two minutes ahead (beyond the skew)', token('bob', { iat: now + 120 })],
    ['no iat claim', hs256(HEADER, { sub: 'bob', iss: 'wikibot', aud: 'wikibot', exp: now + 3600 }, SECRET)],
    ['iat as a string', token('bob', { iat: String(now) })],
    ['issued 9 h ago, not yet expired (older than any session)', token('bob', { iat: now - 9 * 3600, exp: now + 600 })],
    ['exp - iat of 30 days, iat far in the past', token('bob', { iat: now - 30 * 86400, exp: now + 3600 })],
    ['wrong issuer', token('bob', { iss: 'evil' })],
    ['wrong audience', token('bob', { aud: 'someone-else' })],
    ['audience list without ours', token('bob', { aud: ['a', 'b'] })],
    ['unknown kid', token('bob', {}, { alg: 'HS256', kid: 'retired' })],
    ['no kid', token('bob', {}, { alg: 'HS256', typ: 'JWT' })],
    ['kid as a number', token('bob', {}, { alg: 'HS256', kid: 7 })],
    ['crit header', token('bob', {}, { ...HEADER, crit: ['exp'] })],
    ['signed with a guessed secret', token('bob', {}, HEADER, 'secret')],
    ['tampered payload (sub → alice), old signature', asAlice],
    ["mallory's claims under bob's signature", `${bobHead}.${malloryBody}.${bobSig}`],
    ['truncated signature', bob.slice(0, -3)],
    ['empty signature', `${bobHead}.${bobBody}.`],
    ['signature of another token', `${bobHead}.${bobBody}.${mallory.split('.')[2]}`],
    ['bad base64url (+ and /)', `${bobHead}.${bobBody.replace(/-/g, '+').replace(/_/g, '/')}+/.${bobSig}`],
    ['padding in the payload', `${bobHead}.${bobBody}==.${bobSig}`],
    ['two segments', `${bobHead}.${bobBody}`],
    ['four segments', `${bob}.${bobSig}`],
    ['oversized token (6 KB, forged)', huge],
    ['empty sub', token('', {})],
    ['garbage', 'not-a-jwt'],
    ['quoted cookie value', `"${bob.slice(0, -2)}xx"`],
  ];

  const cases: AttackCase[] = tokenCases.map(([name, value]) => ({ name: `cookie: ${name}`, url: PRIVATE_PAGE, cookies: cookie(value) }));
  cases.push(
    { name: 'bearer: tampered payload', url: PRIVATE_PAGE, bearer: asAlice, accept: 'application/json' },
    { name: 'bearer: alg none', url: PRIVATE_PAGE, bearer: `${b64url({ alg: 'none' })}.${bobBody}.`, accept: 'application/json' },
    { name: 'bearer: HS256 with the IdP public key', url: PRIVATE_PAGE, bearer: token('bob', {}, HEADER, publicPem), accept: 'application/json' },
    { name: 'no credentials, HTML', url: PRIVATE_PAGE },
    { name: 'no credentials, API client', url: PRIVATE_PAGE, accept: 'application/json' },
    { name: 'a non-member (mallory)', url: PRIVATE_PAGE, cookies: cookie(mallory) },
    { name: 'a member of carol/notes reading alice/private', url: PRIVATE_PAGE, cookies: cookie(token('dave')) },
    { name: "bob (member of alice/private) reading alice/diary", url: '/alice/diary/Home', cookies: cookie(bob), apiPath: '/api/wikis/alice/diary/pages/home' },
    { name: 'two session cookies: forged member first, valid non-member second', url: PRIVATE_PAGE, cookies: `${cookie(asAlice)}; ${cookie(mallory)}` },
    { name: 'two session cookies: valid non-member first, forged member second', url: PRIVATE_PAGE, cookies: `${cookie(mallory)}; ${cookie(asAlice)}` },
    { name: 'cookie jar: forged member in one Cookie header, non-member in another', url: PRIVATE_PAGE, cookies: [cookie(asAlice), cookie(mallory)] },
    { name: 'cookie jar: look-alike names (__host-, spaces) carry a forged member', url: PRIVATE_PAGE, cookies: `__host-wb_session=${asAlice}; __Host-wb_session =${asAlice}; x__Host-wb_session=${asAlice}` },
    { name: 'cookie jar: garbage first, non-member second', url: PRIVATE_PAGE, cookies: `${cookie('garbage')}; ${cookie(mallory)}` },
  );

  const paths: [string, string, string?][] = [
    ['upper-case slugs', '/Alice/Private/Home', '/api/wikis/Alice/Private/pages/home'],
    ['dot-dot back into the wiki', '/alice/private/../private/Home', '/api/wikis/alice/private/../private/pages/home'],
    ['from the public wiki via ..', '/alice/public/../private/Home', '/api/wikis/alice/public/../private/pages/home'],
    ['encoded dot-dot', '/alice/public/%2e%2E/private/Home', '/api/wikis/alice/public/%2e%2E/private/pages/home'],
    ['%2F between user and wiki', '/alice%2Fprivate/Home', '/api/wikis/alice%2Fprivate/pages/home'],
    ['%2F after the wiki', '/alice/private%2FHome', '/api/wikis/alice/private%2Fpages/home'],
    ['double slashes', '//alice//private//Home', '/api/wikis//alice//private//pages/home'],
    ['dot segment', '/alice/./private/Home', '/api/wikis/alice/./private/pages/home'],
    ['trailing dot segment', '/alice/private/.', '/api/wikis/alice/private/./pages/home'],
    ['no trailing slash', '/alice/private', '/api/wikis/alice/private'],
    ['Cyrillic а in the user (homoglyph)', '/%D0%B0lice/private/Home', '/api/wikis/%D0%B0lice/private/pages/home'],
    ['fullwidth user (NFKC-folds to alice)', '/%EF%BD%81%EF%BD%8C%EF%BD%89%EF%BD%83%EF%BD%85/private/Home', '/api/wikis/%EF%BD%81%EF%BD%8C%EF%BD%89%EF%BD%83%EF%BD%85/private/pages/home'],
    ['Kelvin sign in the wiki (lower-cases to k)', '/alice/private%E2%84%AA/Home', '/api/wikis/alice/private%E2%84%AA/pages/home'],
    ['Cyrillic і in the wiki', '/alice/pr%D1%96vate/Home', '/api/wikis/alice/pr%D1%96vate/pages/home'],
  ];
  for (const [name, url, apiPath] of paths) {
    cases.push({ name: `path: ${name} (anonymous)`, url, apiPath });
    cases.push({ name: `path: ${name} (non-member)`, url, apiPath, cookies: cookie(mallory) });
  }
  return cases;
}
