import { matchRoute, openApiPath } from '../../../shared/http/router';

const routes = [
  { method: 'GET', path: '/api/wikis' },
  { method: 'POST', path: '/api/wikis' },
  { method: 'GET', path: '/api/wikis/{user}/{wiki}/pages/{page+}' },
  { method: 'PUT', path: '/api/wikis/{user}/{wiki}/pages/{page+}' },
  { method: 'GET', path: '/api/wikis/{user}/{wiki}/pages/{page+}/-/history' },
  { method: 'GET', path: '/api/wikis/{user}/{wiki}/pages/{page+}/-/attachments/{name}' },
];
const seg = (path: string) => path.split('/').filter(Boolean);

describe('matchRoute', () => {
  it('matches literal and one-segment parameters', () => {
    expect(matchRoute(routes, 'GET', seg('/api/wikis'))).toMatchObject({ route: routes[0], params: {} });
  });

  it('gives a page path with slashes to {page+}', () => {
    const match = matchRoute(routes, 'GET', seg('/api/wikis/alice/notes/pages/Docs/Intro'));
    expect(match).toMatchObject({ route: routes[2], params: { user: 'alice', wiki: 'notes', page: 'Docs/Intro' } });
  });

  it('ends a page path at the /-/ separator', () => {
    expect(matchRoute(routes, 'GET', seg('/api/wikis/a/b/pages/Docs/Intro/-/history'))).toMatchObject({ route: routes[4], params: { page: 'Docs/Intro' } });
    expect(matchRoute(routes, 'GET', seg('/api/wikis/a/b/pages/P/-/attachments/x.png'))).toMatchObject({ route: routes[5], params: { page: 'P', name: 'x.png' } });
    expect(matchRoute(routes, 'GET', seg('/api/wikis/a/b/pages/P/-/nothing'))).toBeUndefined();
    expect(matchRoute(routes, 'GET', seg('/api/wikis/a/b/pages/-/history'))).toBeUndefined();
  });

  it('lists the methods of a known path for a 405', () => {
    expect(matchRoute(routes, 'DELETE', seg('/api/wikis'))).toEqual({ allowed: ['GET', 'POST'] });
    expect(matchRoute(routes, 'GET', seg('/api/other'))).toBeUndefined();
  });

  it('spells paths the OpenAPI way', () => {
    expect(openApiPath('/api/wikis/{user}/{wiki}/pages/{page+}/-/history')).toBe('/api/wikis/{user}/{wiki}/pages/{page}/-/history');
  });
});
