import { normalisePath } from '../../../../shared/core/edge/path';

describe('normalisePath (the edge decides on the path it forwards)', () => {
  it.each([
    ['/alice/private/Home', 'alice', 'private', '/alice/private/Home'],
    ['/Alice/PRIVATE/Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice/private', 'alice', 'private', '/alice/private/'],
    ['/alice/private/', 'alice', 'private', '/alice/private/'],
    ['//alice///private//Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice/./private/./Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice/private/../private/Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice/public/../../bob/x/Page', 'bob', 'x', '/bob/x/Page'],
    ['/../../alice/private/', 'alice', 'private', '/alice/private/'],
    ['/alice%2Fprivate/Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice%2fprivate%2FHome', 'alice', 'private', '/alice/private/Home'],
    ['/alice/public/%2e%2E/private/Home', 'alice', 'private', '/alice/private/Home'],
    ['/alice/private/Docs/%C3%9Cber%20uns', 'alice', 'private', '/alice/private/Docs/%C3%9Cber%20uns'],
    ['/alice/private/Home/.', 'alice', 'private', '/alice/private/Home/'],
    ['/alice/private/-/history/Home', 'alice', 'private', '/alice/private/-/history/Home'],
  ])('%s → %s/%s, forwarded as %s', (raw, user, wiki, uri) => {
    expect(normalisePath(raw)).toEqual({ kind: 'wiki', user, wiki, uri });
  });

  it.each([
    ['/', '/'],
    ['/auth/login', '/auth/login'],
    ['/API/wikis', '/api/wikis'],
    ['/favicon.ico', '/favicon.ico'],
    ['/alice', '/alice'],
    ['/alice/', '/alice/'],
    ['/alice/not.a.wiki/x', '/alice/not.a.wiki/x'],
    ['/alice%252Fprivate/Home', '/alice%252fprivate/Home'],
    ['/alice/private/..', '/alice/'],
  ])('%s is no wiki (forwarded as %s)', (raw, uri) => {
    expect(normalisePath(raw)).toEqual({ kind: 'other', uri });
  });

  it.each([
    ['relative', 'alice/private'],
    ['bad percent-encoding', '/alice/private/%E0%A4%A'],
    ['a lone %', '/alice/private/100%'],
    ['NUL', '/alice/private/a%00b'],
    ['a backslash', '/alice/private/..%5C..%5Cx'],
    ['a raw backslash', '/alice\\private'],
    ['Cyrillic а (homoglyph)', '/%D0%B0lice/private/'],
    ['fullwidth letters', '/%EF%BD%81lice/private/'],
    ['the Kelvin sign (lower-cases to ASCII k)', '/%E2%84%AAate/private/'],
    ['dotless-i tricks in the wiki', '/alice/pr%C4%B1vate/'],
    ['an overlong path', `/alice/private/${'x/'.repeat(3000)}`],
  ])('refuses %s', (_what, raw) => {
    expect(normalisePath(raw).kind).toBe('bad');
  });
});
