import { decideEdge, type EdgeDeps, type EdgeRequest } from '../../../shared/core/edgePolicy';

/** The policy alone, with fake dependencies that record what they were asked. */
function fakeDeps(visibility: Record<string, 'public' | 'private'>, members: string[], tokens: Record<string, string>) {
  const calls: string[] = [];
  const deps: EdgeDeps = {
    visibility: async (u, w) => (calls.push(`visibility ${u}/${w}`), visibility[`${u}/${w}`]),
    isMember: async (u, w, sub) => (calls.push(`member ${u}/${w} ${sub}`), members.includes(`${u}/${w}:${sub}`)),
    verify: async (token, source) => (calls.push(`verify ${source} ${token}`), tokens[token] ? { sub: tokens[token]! } : undefined),
  };
  return { deps, calls };
}
const request = (uri: string, over: Partial<EdgeRequest> = {}): EdgeRequest => ({ method: 'GET', uri, accept: 'text/html', authorization: '', sessionCookies: [], ...over });

describe('decideEdge', () => {
  const setup = () => fakeDeps({ 'alice/open': 'public', 'alice/closed': 'private' }, ['alice/closed:bob'], { T_BOB: 'bob', T_ALICE: 'alice', T_EVE: 'eve' });

  it('passes a public wiki after one lookup, without touching the token', async () => {
    const { deps, calls } = setup();
    expect(await decideEdge(request('/alice/open/x', { sessionCookies: ['T_BOB'], authorization: 'Bearer junk' }), deps))
      .toEqual({ action: 'pass', uri: '/alice/open/x', access: 'public' });
    expect(calls).toEqual(['visibility alice/open']);
  });

  it('passes a member and the owner of a private wiki', async () => {
    const { deps, calls } = setup();
    expect(await decideEdge(request('/alice/closed/', { sessionCookies: ['T_BOB'] }), deps)).toMatchObject({ action: 'pass', access: 'private' });
    expect(calls).toEqual(['visibility alice/closed', 'verify cookie T_BOB', 'member alice/closed bob']);
    expect(await decideEdge(request('/alice/closed/', { sessionCookies: ['T_ALICE'] }), deps)).toMatchObject({ action: 'pass' });
  });

  it('prefers a bearer token to the cookie', async () => {
    const { deps } = setup();
    expect(await decideEdge(request('/alice/closed/', { authorization: 'Bearer T_EVE', sessionCookies: ['T_BOB'] }), deps)).toMatchObject({ action: 'redirect' });
    expect(await decideEdge(request('/alice/closed/', { authorization: 'bearer   T_BOB ' }), deps)).toMatchObject({ action: 'pass' });
  });

  it('refuses two session cookies without verifying either', async () => {
    const { deps, calls } = setup();
    expect(await decideEdge(request('/alice/closed/', { sessionCookies: ['T_BOB', 'T_BOB'] }), deps)).toMatchObject({ action: 'redirect', status: 302 });
    expect(calls).toEqual(['visibility alice/closed']);
  });

  it('redirects HTML GETs and HEADs to sign in with a same-site return_to; 401s the rest', async () => {
    const { deps } = setup();
    expect(await decideEdge(request('/Alice/Closed/Some Page'), deps)).toEqual({
      action: 'redirect', status: 302, body: '',
      headers: { location: '/auth/login?return_to=%2Falice%2Fclosed%2FSome%2520Page', 'cache-control': 'no-store' },
    });
    expect(await decideEdge(request('/alice/closed/', { method: 'HEAD' }), deps)).toMatchObject({ status: 302 });
    for (const r of [request('/alice/closed/', { accept: 'application/json' }), request('/alice/closed/', { method: 'POST' })]) {
      expect(await decideEdge(r, deps)).toMatchObject({ action: 'deny', status: 401, headers: { 'cache-control': 'no-store' } });
    }
  });

  it('unknown wikis: the owner passes, nobody else (not even a would-be member)', async () => {
    const { deps } = fakeDeps({}, ['alice/new:bob'], { T_BOB: 'bob', T_ALICE: 'alice' });
    expect(await decideEdge(request('/alice/new/', { sessionCookies: ['T_ALICE'] }), deps)).toMatchObject({ action: 'pass' });
    expect(await decideEdge(request('/alice/new/', { sessionCookies: ['T_BOB'] }), deps)).toMatchObject({ action: 'redirect' });
  });

  it('answers 400 to a path it cannot read, and passes non-wiki paths canonically', async () => {
    const { deps, calls } = setup();
    expect(await decideEdge(request('/alice/%zz/'), deps)).toMatchObject({ action: 'deny', status: 400 });
    expect(await decideEdge(request('/auth/login'), deps)).toEqual({ action: 'pass', uri: '/auth/login', access: 'none' });
    expect(calls).toEqual([]);
  });
});
