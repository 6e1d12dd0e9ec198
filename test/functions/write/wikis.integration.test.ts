import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { git } from '../../helpers/git';
import { event } from '../../helpers/events';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';
import { withTreeHashes } from '../../helpers/sidebarTree';

const IDP = { issuer: 'https://idp.example', audience: 'wikibot-api' };

describe('wikis, members, roles, settings and identity (s3rver + dynalite + git)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  let carol: string;
  let rsaKey: CryptoKey;
  let ecKey: CryptoKey;
  const wikiDir = (wiki: string) => path.join(stack.config.dataDir, 'wikis/alice', wiki);

  const idpToken = (key: CryptoKey, alg: 'RS256' | 'ES256', claims: Record<string, unknown> = {}, issuer = IDP.issuer, audience = IDP.audience) =>
    new SignJWT({ name: 'Idp Alice', email: 'alice@idp.example', ...claims })
      .setProtectedHeader({ alg, kid: alg })
      .setSubject('alice')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  beforeAll(async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    rsaKey = rsa.privateKey;
    ecKey = ec.privateKey;
    const keys: JWK[] = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'RS256', alg: 'RS256' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ES256', alg: 'ES256' },
    ];
    stack = await startWriteStack('wikis', { idp: { ...IDP, jwks: { keys } } });
    [alice, bob, carol] = await Promise.all([tokenFor('alice'), tokenFor('bob'), tokenFor('carol')]);
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' }, alice)).statusCode).toBe(201);
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Secret', visibility: 'private' }, alice)).statusCode).toBe(201);
  });
  afterAll(() => stack.close());

  describe('reading a wiki', () => {
    it('shows a public wiki to anyone, with its settings and the caller\'s role', async () => {
      const anon = await stack.call('GET', '/api/wikis/alice/notes');
      expect(anon.statusCode).toBe(200);
      expect(anon.json).toMatchObject({ user: 'alice', wiki: 'notes', title: 'Notes', visibility: 'public', owner: 'alice', role: null, url: '/alice/notes/', settings: { SITE_NAME: 'Notes' } });
      expect((await stack.call('GET', '/api/wikis/alice/notes', undefined, alice)).json.role).toBe('admin');
    });

    it('keeps a private wiki from strangers: 401 anonymous, 403 signed in', async () => {
      expect((await stack.call('GET', '/api/wikis/alice/secret')).statusCode).toBe(401);
      expect((await stack.call('GET', '/api/wikis/alice/secret/pages/home')).statusCode).toBe(401);
      const stranger = await stack.call('GET', '/api/wikis/alice/secret/pages/home', undefined, carol);
      expect(stranger.statusCode).toBe(403);
      expect(stranger.json.error.message).toMatch(/reader role.*carol.*not a member/);
      expect((await stack.call('GET', '/api/wikis/alice/nothing', undefined, alice)).statusCode).toBe(404);
    });
  });

  describe('members and roles', () => {
    it('adds members with roles (admin only), 201 then 200, and lists them', async () => {
      const added = await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'reader' }, alice);
      expect(added.statusCode).toBe(201);
      expect(added.json).toMatchObject({ sub: 'bob', role: 'reader' });
      expect((await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'reader' }, alice)).statusCode).toBe(200);
      const list = await stack.call('GET', '/api/wikis/alice/secret/members', undefined, alice);
      expect(list.json).toEqual({ owner: 'alice', members: [{ sub: 'bob', role: 'reader', addedAt: added.json.addedAt }] });
      expect((await stack.call('GET', '/api/wikis/alice/secret/members', undefined, bob)).statusCode).toBe(403);
      expect((await stack.call('PUT', '/api/wikis/alice/secret/members/carol', { role: 'admin' }, bob)).statusCode).toBe(403);
    });

    it('lets a reader read but not write, an editor write but not administer, an admin member administer', async () => {
      expect((await stack.call('GET', '/api/wikis/alice/secret/pages/home', undefined, bob)).statusCode).toBe(200);
      const denied = await stack.call('PUT', '/api/wikis/alice/secret/pages/Bob', { content: 'x' }, bob);
      expect(denied.statusCode).toBe(403);
      expect(denied.json.error.message).toMatch(/editor role/);

      await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'editor' }, alice);
      const put = await stack.call('PUT', '/api/wikis/alice/secret/pages/Bob', { content: '# Bob was here' }, bob);
      expect(put.statusCode).toBe(201);
      expect(git(path.join(wikiDir('secret'), 'repo.git'), 'log', '-1', '--format=%an <%ae>')).toBe('bob person <bob@example.com>\n');
      expect((await stack.call('PATCH', '/api/wikis/alice/secret', { title: 'Mine' }, bob)).statusCode).toBe(403);

      await stack.call('PUT', '/api/wikis/alice/secret/members/bob', { role: 'admin' }, alice);
      expect((await stack.call('PATCH', '/api/wikis/alice/secret', { title: 'Shared Secret' }, bob)).statusCode).toBe(200);
    });

    it('lists my wikis: owned ones as admin and ones I am a member of with my role', async () => {
      const bobs = await stack.call('GET', '/api/wikis', undefined, bob);
      expect(bobs.json.wikis.map((w: any) => [w.user, w.wiki, w.role, w.title])).toEqual([['alice', 'secret', 'admin', 'Shared Secret']]);
      const alices = await stack.call('GET', '/api/wikis', undefined, alice);
      expect(alices.json.wikis.map((w: any) => `${w.wiki}:${w.role}`)).toEqual(['notes:admin', 'secret:admin']);
      expect((await stack.call('GET', '/api/wikis')).statusCode).toBe(401);
    });

    it('refuses a member record for the owner and unknown roles; removes members; lets members leave', async () => {
      expect((await stack.call('PUT', '/api/wikis/alice/secret/members/alice', { role: 'reader' }, alice)).statusCode).toBe(400);
      expect((await stack.call('PUT', '/api/wikis/alice/secret/members/carol', { role: 'owner' }, alice)).statusCode).toBe(400);
      await stack.call('PUT', '/api/wikis/alice/secret/members/carol', { role: 'reader' }, alice);
      expect((await stack.call('DELETE', '/api/wikis/alice/secret/members/bob', undefined, carol)).statusCode).toBe(403);
      expect((await stack.call('DELETE', '/api/wikis/alice/secret/members/carol', undefined, carol)).statusCode).toBe(200);
      expect((await stack.call('GET', '/api/wikis/alice/secret/pages/home', undefined, carol)).statusCode).toBe(403);
      expect((await stack.call('DELETE', '/api/wikis/alice/secret/members/carol', undefined, alice)).statusCode).toBe(404);
    });
  });

  describe('updating title, visibility and settings', () => {
    it('changes title and visibility', async () => {
      const patched = await stack.call('PATCH', '/api/wikis/alice/notes', { title: 'Alice Notes', visibility: 'private' }, alice);
      expect(patched.statusCode).toBe(200);
      expect(patched.json).toMatchObject({ title: 'Alice Notes', visibility: 'private', changed: ['title', 'visibility'] });
      expect((await stack.call('GET', '/api/wikis/alice/notes/pages/home')).statusCode).toBe(401);
      await stack.call('PATCH', '/api/wikis/alice/notes', { visibility: 'public' }, alice);
      expect((await stack.call('GET', '/api/wikis/alice/notes/pages/home')).statusCode).toBe(200);
    });

    const settingCases: Array<[string, Record<string, unknown>, (id: string) => string[]]> = [
      ['site name → the shell only', { SITE_NAME: 'Renamed' }, (p) => [`${p}/shell.html`]],
      ['site logo and description → the shell only', { SITE_LOGO: '/static/logo.png', SITE_DESCRIPTION: 'About' }, (p) => [`${p}/shell.html`]],
      ['sidebar mode → the sidebar only', { SIDEBAR_MENUTREE_MODE: 'DIRECTORIES_GROUPED' }, (p) => [`${p}/sidebar.html`]],
      ['wikilink style → every page and the sidebar', { WIKILINK_STYLE: 'LINKTITLE' }, (p) => [`${p}/pages/docs.html`, `${p}/pages/home.html`, `${p}/sidebar.html`]],
      ['title underscores → every page and the sidebar', { TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: true }, (p) => [`${p}/pages/docs.html`, `${p}/pages/home.html`, `${p}/sidebar.html`]],
      ['commit message mode → nothing', { COMMIT_MESSAGE: 'OPTIONAL' }, () => []],
      ['an unchanged value → nothing', { SITE_NAME: 'Renamed' }, () => []],
    ];

    it.each(settingCases)('republishes exactly what a change affects: %s', async (_what, settings, expected) => {
      await stack.call('PUT', '/api/wikis/alice/notes/pages/Docs', { content: '# Docs' }, alice);
      const objectsBefore = await stack.snapshot();
      stack.bucketWrites();
      const patched = await stack.call('PATCH', '/api/wikis/alice/notes', { settings }, alice);
      expect(patched.statusCode).toBe(200);
      const writes = stack.bucketWrites();
      const published = expected('fragments/alice/notes');
      // The sidebar comes with its content-addressed page tree.
      const puts = published.some((k) => k.endsWith('/sidebar.html')) ? [...published, 'fragments/alice/notes/sidebars/{hash}.html'] : published;
      expect({ ...writes, puts: withTreeHashes(writes.puts) }).toEqual({ puts, deletes: [] });
      expect([...patched.json.published].sort()).toEqual(published);
      // Objects that were not republished are byte-for-byte what they were.
      const after = await stack.snapshot();
      const untouched = (list: string[]) => list.filter((o) => !writes.puts.some((k) => o.startsWith(`${k}@`)));
      expect(untouched(after.objects)).toEqual(untouched(objectsBefore.objects));
      for (const [key, value] of Object.entries(settings)) {
        expect(patched.json.settings[key]).toBe(value === true ? 'True' : value);
      }
    });

    it('shows new values on read, and a renamed site in the shell', async () => {
      const got = await stack.call('GET', '/api/wikis/alice/notes');
      expect(got.json.settings).toMatchObject({ SITE_NAME: 'Renamed', WIKILINK_STYLE: 'LINKTITLE', TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: 'True' });
    });

    it.each([
      ['an unknown key', { settings: { NOPE: 1 } }, /Unknown setting "NOPE"/],
      ['a bad value', { settings: { SIDEBAR_MENUTREE_MODE: 'TREE' } }, /SIDEBAR_MENUTREE_MODE must be one of/],
      ['settings that are not an object', { settings: 'SITE_NAME=x' }, /must be an object/],
      ['an empty title', { title: '  ' }, /may not be empty/],
      ['nothing to change', {}, /Nothing to change/],
      ['an unknown field', { name: 'x' }, /Unknown field "name"/],
    ])('refuses %s with a 400 and changes nothing', async (_what, body, message) => {
      const before = await stack.snapshot();
      const response = await stack.call('PATCH', '/api/wikis/alice/notes', body, alice);
      expect(response.statusCode).toBe(400);
      expect(response.json.error.message).toMatch(message);
      expect(await stack.snapshot()).toEqual(before);
    });
  });

  describe('identity', () => {
    const cookie = (token: string) => ({ cookie: `theme=dark; __Host-wb_session=${token}` });

    it('accepts the session cookie, as a header or in the payload-v2 cookies list', async () => {
      const viaHeader = await stack.call('PUT', '/api/wikis/alice/notes/pages/Cookie', { content: 'c' }, undefined, { headers: { ...cookie(alice), origin: 'http://localhost' } });
      expect(viaHeader.statusCode).toBe(201);
      const ev = { ...event('GET', '/api/wikis/alice/secret'), cookies: ['theme=dark', `__Host-wb_session=${bob}`] };
      expect((await stack.handler(ev)).statusCode).toBe(200);
    });

    // CSRF (issue 11): a browser sends the cookie with any cross-site request; only same-origin JSON may change things.
    const crossSite: [string, Record<string, string>][] = [
      ['text/plain from another origin', { 'content-type': 'text/plain', origin: 'https://evil.example' }],
      ['JSON from another origin', { 'content-type': 'application/json', origin: 'https://evil.example' }],
      ['JSON from a sibling host', { 'content-type': 'application/json', origin: 'http://localhost.evil.example' }],
      ['JSON from another port', { 'content-type': 'application/json', origin: 'http://localhost:8080' }],
      ['JSON with Origin null (sandboxed frame)', { 'content-type': 'application/json', origin: 'null' }],
      ['JSON with no origin signal at all', { 'content-type': 'application/json' }],
      ['JSON, Sec-Fetch-Site cross-site', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
      ['JSON, Sec-Fetch-Site same-site (a sibling subdomain)', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }],
      ['JSON, Sec-Fetch-Site cross-site beside a same Origin', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'http://localhost' }],
      ['text/plain from this origin', { 'content-type': 'text/plain', origin: 'http://localhost' }],
      ['a form post from this origin', { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }],
      ['multipart from this origin', { 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-origin' }],
      ['a JSON look-alike type', { 'content-type': 'text/plain; application/json', 'sec-fetch-site': 'same-origin' }],
    ];
    it.each(crossSite)('refuses a cookie-authenticated change sent as %s (403, nothing changes)', async (_what, headers) => {
      const before = await stack.snapshot();
      const calls = [
        stack.call('POST', '/api/wikis', JSON.stringify({ user: 'alice', wiki: 'csrf' }), undefined, { headers: { ...cookie(alice), ...headers } }),
        stack.call('PATCH', '/api/wikis/alice/notes', JSON.stringify({ title: 'pwned' }), undefined, { headers: { ...cookie(alice), ...headers } }),
        stack.call('PUT', '/api/wikis/alice/notes/pages/Csrf', JSON.stringify({ content: 'x' }), undefined, { headers: { ...cookie(alice), ...headers } }),
        stack.call('DELETE', '/api/wikis/alice/notes/pages/Cookie', undefined, undefined, { headers: { ...cookie(alice), ...headers } }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.statusCode).toBe(403);
        expect(response.json.error.message).toMatch(/only from this site, with Content-Type: application\/json/);
      }
      expect(await stack.snapshot()).toEqual(before);
    });

    it('takes a cookie-authenticated change with a same-origin signal and JSON, and bearer calls whatever their origin', async () => {
      const sameOrigin = await stack.call('PUT', '/api/wikis/alice/notes/pages/Csrf Ok', JSON.stringify({ content: 'a' }), undefined,
        { headers: { ...cookie(alice), 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' } });
      expect(sameOrigin.statusCode).toBe(201);
      const bearer = await stack.call('PUT', '/api/wikis/alice/notes/pages/Csrf Ok', JSON.stringify({ content: 'b' }), alice,
        { headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      expect(bearer.statusCode).toBe(200);
      // Reads are not changes: a cookie GET needs no signal (CORS keeps its answer from other sites).
      expect((await stack.call('GET', '/api/wikis/alice/secret', undefined, undefined, { headers: cookie(bob) })).statusCode).toBe(200);
    });

    it('treats a bad cookie as signed out, but a bad bearer token as a 401', async () => {
      expect((await stack.call('GET', '/api/wikis/alice/notes', undefined, undefined, { headers: cookie('junk') })).statusCode).toBe(200);
      expect((await stack.call('GET', '/api/wikis/alice/secret', undefined, undefined, { headers: cookie('junk') })).statusCode).toBe(401);
      expect((await stack.call('GET', '/api/wikis/alice/notes', undefined, 'junk')).statusCode).toBe(401);
    });

    it.each(['RS256', 'ES256'] as const)('accepts an identity-provider token signed %s and commits as that identity', async (alg) => {
      const token = await idpToken(alg === 'RS256' ? rsaKey : ecKey, alg);
      const put = await stack.call('PUT', `/api/wikis/alice/notes/pages/Idp ${alg}`, { content: alg }, token);
      expect(put.statusCode).toBe(201);
      expect(git(path.join(wikiDir('notes'), 'repo.git'), 'log', '-1', '--format=%an <%ae>')).toBe('Idp Alice <alice@idp.example>\n');
    });

    it.each([
      ['a wrong issuer', () => idpToken(rsaKey, 'RS256', {}, 'https://evil.example')],
      ['a wrong audience', () => idpToken(rsaKey, 'RS256', {}, IDP.issuer, 'other')],
      ['a key not in the JWKS', async () => idpToken((await generateKeyPair('RS256')).privateKey, 'RS256')],
      ['an expired token', () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'RS256' }).setSubject('alice').setIssuer(IDP.issuer).setAudience(IDP.audience).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(rsaKey)],
      ['no expiry', () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'RS256' }).setSubject('alice').setIssuer(IDP.issuer).setAudience(IDP.audience).sign(rsaKey)],
      ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}.`],
    ])('refuses an identity-provider token with %s', async (_what, make) => {
      const before = await stack.snapshot();
      const response = await stack.call('PUT', '/api/wikis/alice/notes/pages/Nope', { content: 'x' }, await make());
      expect(response.statusCode).toBe(401);
      expect(await stack.snapshot()).toEqual(before);
    });
  });

  describe('deleting a wiki', () => {
    it('moves git data and wiki.db to the trash, removes its objects and record, and frees the name', async () => {
      await stack.call('PUT', '/api/wikis/alice/secret/members/dave', { role: 'reader' }, alice);
      expect((await stack.call('DELETE', '/api/wikis/alice/secret', undefined, bob)).statusCode).toBe(200);
      expect((await stack.call('GET', '/api/wikis/alice/secret', undefined, alice)).statusCode).toBe(404);
      expect(fs.existsSync(wikiDir('secret'))).toBe(false);
      const [stamp] = fs.readdirSync(path.join(stack.config.dataDir, 'trash/alice/secret'));
      const trashed = path.join(stack.config.dataDir, 'trash/alice/secret', stamp!);
      git(path.join(trashed, 'repo.git'), 'fsck', '--full');
      expect(fs.existsSync(path.join(trashed, 'wiki.db'))).toBe(true);
      expect((await stack.snapshot()).objects.filter((o) => o.includes('/alice/secret/'))).toEqual([]);
      expect((await stack.call('GET', '/api/wikis', undefined, bob)).json.wikis).toEqual([]);

      const again = await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Fresh' }, alice);
      expect(again.statusCode).toBe(201);
      expect(git(path.join(wikiDir('secret'), 'repo.git'), 'log', '--format=%s')).toBe('Initial commit\n');
      expect((await stack.call('GET', '/api/wikis/alice/secret/members', undefined, alice)).json.members).toEqual([]);
      expect((await stack.call('GET', '/api/wikis/alice/secret', undefined, bob)).json.role).toBeNull();
    });

    it('needs admin', async () => {
      await stack.call('PUT', '/api/wikis/alice/notes/members/bob', { role: 'editor' }, alice);
      expect((await stack.call('DELETE', '/api/wikis/alice/notes', undefined, bob)).statusCode).toBe(403);
      expect((await stack.call('DELETE', '/api/wikis/alice/notes')).statusCode).toBe(401);
    });
  });
});
