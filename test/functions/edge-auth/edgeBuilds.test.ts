import { CLOUDFRONT_FUNCTION_BUDGET, EDGE_LAMBDA_BUDGET } from '../../../functions/edge-auth/build';
import { loadCloudFrontFunction } from '../../../local/cloudfrontSandbox';
import { signSessionToken } from '../../../shared/auth/sessionToken';
import type { EdgeOutcome } from '../../../local/edge';
import { attackCorpus, PRIVATE_PAGE } from '../../helpers/attackCorpus';
import { EDGE_KEYS, startEdgeTestBed, viewer, type EdgeTestBed } from '../../helpers/edgeBuilds';
import { claims, hs256, nowSeconds, rsaPair } from '../../helpers/jwtForge';

const session = (sub: string, kid = 'next', ttlSeconds = 3600) =>
  signSessionToken({ sub, name: sub }, EDGE_KEYS[kid]!, { issuer: 'wikibot', audience: 'wikibot', ttlSeconds });
const cookie = (token: string) => `__Host-wb_session=${token}`;

const passed = (outcome: EdgeOutcome) => (outcome.pass ? { pass: true, uri: outcome.uri, access: outcome.access } : { pass: false, status: outcome.response.statusCode });

describe('edge gate: one behaviour suite, both builds', () => {
  let bed: EdgeTestBed;
  const idp = rsaPair();
  beforeAll(async () => {
    bed = await startEdgeTestBed('edge-builds');
  });
  afterAll(() => bed.close());

  describe.each(['cloudfront-function', 'lambda-edge'] as const)('%s', (name) => {
    const run = (request: Parameters<EdgeTestBed['builds'][number]['request']>[0]) => bed.builds.find((b) => b.name === name)!.request(request);

    it('passes a public wiki without a cookie, on its canonical path', async () => {
      expect(passed(await run(viewer('/alice/public/Home')))).toEqual({ pass: true, uri: '/alice/public/Home', access: 'public' });
      expect(passed(await run(viewer('/Alice/PUBLIC')))).toEqual({ pass: true, uri: '/alice/public/', access: 'public' });
      expect(passed(await run(viewer('/alice/public/Docs%2FIntro/')))).toEqual({ pass: true, uri: '/alice/public/Docs/Intro/', access: 'public' });
    });

    it('passes what is not a wiki untouched (sign-in page, root, files)', async () => {
      for (const url of ['/', '/auth/login?return_to=%2Fx', '/favicon.ico', '/alice']) {
        const outcome = await run(viewer(url));
        expect(outcome.pass && outcome.access).toBe('none');
      }
    });

    it('sends a browser without a session to sign in, and an API client a 401; neither is cached', async () => {
      const html = await run(viewer(PRIVATE_PAGE));
      expect(html.pass).toBe(false);
      if (html.pass) return;
      expect(html.response.statusCode).toBe(302);
      expect(html.response.headers.location).toBe('/auth/login?return_to=%2Falice%2Fprivate%2FHome');
      expect(html.response.headers['cache-control']).toBe('no-store');
      for (const request of [viewer(PRIVATE_PAGE, { accept: 'application/json' }), viewer(PRIVATE_PAGE, { method: 'POST' })]) {
        const denied = await run(request);
        expect(denied.pass ? 200 : denied.response.statusCode).toBe(401);
        expect(denied.pass ? '' : denied.response.headers['cache-control']).toBe('no-store');
      }
    });

    it('lets members, the owner and bearer tokens in', async () => {
      expect(passed(await run(viewer(PRIVATE_PAGE, { cookies: cookie(await session('bob')) })))).toEqual({ pass: true, uri: PRIVATE_PAGE, access: 'private' });
      expect(passed(await run(viewer('/alice/diary/', { cookies: cookie(await session('alice')) }))).pass).toBe(true);
      expect(passed(await run(viewer(PRIVATE_PAGE, { bearer: await session('erin'), accept: '*/*' }))).pass).toBe(true);
      expect(passed(await run(viewer('/carol/notes/x', { cookies: `theme=dark; ${cookie(await session('dave'))}; lang=en` }))).pass).toBe(true);
    });

    it('normalises the path before deciding, and forwards the normalised path', async () => {
      const bob = cookie(await session('bob'));
      expect(passed(await run(viewer('/Alice/Private/../private/./Home', { cookies: bob })))).toEqual({ pass: true, uri: PRIVATE_PAGE, access: 'private' });
      expect(passed(await run(viewer('/alice/public/%2e%2e/private/Home', { cookies: bob })))).toEqual({ pass: true, uri: PRIVATE_PAGE, access: 'private' });
      expect(passed(await run(viewer('/alice/private/%ZZ')))).toEqual({ pass: false, status: 400 });
    });

    it('rotation: tokens of both keys in rotation verify', async () => {
      for (const kid of ['next', 'test']) {
        expect((await run(viewer(PRIVATE_PAGE, { cookies: cookie(await session('bob', kid)) }))).pass).toBe(true);
      }
    });

    it('allows 60 s of clock skew on exp', async () => {
      const now = nowSeconds();
      const late = hs256({ alg: 'HS256', kid: 'test' }, claims('bob', { iat: now - 3630, exp: now - 30 }), Buffer.from(EDGE_KEYS.test!.secret));
      expect((await run(viewer(PRIVATE_PAGE, { cookies: cookie(late) }))).pass).toBe(true);
    });

    it('treats a wiki it has never heard of as private: only the namespace owner passes', async () => {
      expect((await run(viewer('/alice/ghost/'))).pass).toBe(false);
      expect((await run(viewer('/alice/ghost/', { cookies: cookie(await session('bob')) }))).pass).toBe(false);
      expect((await run(viewer('/alice/ghost/', { cookies: cookie(await session('alice')) }))).pass).toBe(true);
    });

    it('refuses a validly signed but oversized token before verifying it', async () => {
      const big = await signSessionToken({ sub: 'bob', name: 'b'.repeat(9000) }, EDGE_KEYS.next!, { issuer: 'wikibot', audience: 'wikibot', ttlSeconds: 600 });
      expect((await run(viewer(PRIVATE_PAGE, { cookies: cookie(big) }))).pass).toBe(false);
    });

    describe('attack corpus: every case refused', () => {
      const cases = attackCorpus(idp);
      it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));
      it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, attack) => {
        const outcome = await run(viewer(attack.url, { cookies: attack.cookies, bearer: attack.bearer, accept: attack.accept }));
        expect(outcome.pass).toBe(false);
        if (!outcome.pass) {
          expect([302, 400, 401]).toContain(outcome.response.statusCode);
          expect(outcome.response.headers['cache-control']).toBe('no-store');
        }
      });
    });
  });

  describe('cloudfront-function build', () => {
    it(`is one script under ${CLOUDFRONT_FUNCTION_BUDGET} bytes, importing only the runtime's modules, with no "\${" for osls`, () => {
      expect(Buffer.byteLength(bed.cloudFrontCode)).toBeLessThan(CLOUDFRONT_FUNCTION_BUDGET);
      expect(bed.cloudFrontCode).not.toContain('${');
      expect(bed.cloudFrontCode).not.toMatch(/`/);
      const imports = [...bed.cloudFrontCode.matchAll(/import\s*[\w$]+\s*from\s*"([^"]+)"/g)].map((m) => m[1]);
      expect(imports.sort()).toEqual(['cloudfront', 'crypto']);
      expect(bed.cloudFrontCode).toMatch(/^async function handler\(event\)/m);
      expect(bed.cloudFrontCode).not.toMatch(/\b(require|process|setTimeout|Promise\.all)\b/);
    });

    it('does no crypto and one KVS read on the public path', async () => {
      const fn = bed.cloudFront;
      Object.assign(fn.counters, { createHmac: 0, createHash: 0, kvsGets: 0 });
      await bed.builds[0]!.request(viewer('/alice/public/Home', { cookies: cookie(await session('bob')) }));
      expect(fn.counters).toEqual({ createHmac: 0, createHash: 0, kvsGets: 1 });
      await bed.builds[0]!.request(viewer(PRIVATE_PAGE, { cookies: cookie(await session('bob')) }));
      expect(fn.counters).toEqual({ createHmac: 1, createHash: 0, kvsGets: 4 });
    });

    it('reads nothing the runtime lacks: the sandbox has no process, require or timers', () => {
      expect(() => loadCloudFrontFunction(`${bed.cloudFrontCode}\nprocess.exit(1);`, () => undefined)).toThrow(/process is not defined/);
      const probe = loadCloudFrontFunction('async function handler(){return [typeof process, typeof require, typeof setTimeout, typeof Buffer].join()}', () => undefined);
      return expect(probe.handler({})).resolves.toBe('undefined,undefined,undefined,function');
    });

    it('refuses code that imports anything else', () => {
      expect(() => loadCloudFrontFunction(`import fs from 'fs';\n${bed.cloudFrontCode}`, () => undefined)).toThrow(/does not provide/);
    });

    it('fails closed when the store is empty (a missing key rejects)', async () => {
      const empty = loadCloudFrontFunction(bed.cloudFrontCode, () => undefined);
      const event = { request: { method: 'GET', uri: '/alice/public/Home', querystring: {}, headers: { accept: { value: 'text/html' } }, cookies: {} } };
      expect(await empty.handler(event)).toMatchObject({ statusCode: 302 });
    });
  });

  describe('lambda-edge build', () => {
    it(`is under ${EDGE_LAMBDA_BUDGET} bytes and reads no environment but the runtime's credentials`, () => {
      expect(Buffer.byteLength(bed.lambdaCode)).toBeLessThan(EDGE_LAMBDA_BUDGET);
      const env = new Set([...bed.lambdaCode.matchAll(/process\.env\.(\w+)/g)].map((m) => m[1]));
      expect([...env].sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
      expect(bed.lambdaCode).not.toMatch(/process\.env\[/);
    });

    it('caches visibility and memberships for at most 30 s', async () => {
      let now = nowSeconds();
      const handler = bed.lambdaWith({ now: () => now });
      const { runLambdaEdge } = await import('../../../local/edge');
      const bob = cookie(await session('bob'));
      const read = async () => (await runLambdaEdge(handler, viewer(PRIVATE_PAGE, { cookies: bob }), PRIVATE_PAGE)).pass;
      expect(await read()).toBe(true);
      await bed.tenants.deleteMember({ user: 'alice', wiki: 'private' }, 'bob');
      try {
        now += 29;
        expect(await read()).toBe(true);
        now += 2;
        expect(await read()).toBe(false);
      } finally {
        await bed.tenants.putMember({ user: 'alice', wiki: 'private' }, { sub: 'bob', role: 'reader', addedAt: new Date().toISOString() });
      }
    });
  });
});
