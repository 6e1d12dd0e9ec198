import { attachmentKeyForPath } from '../../../../shared/core/attachments';
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
    expect(normalisePath(raw)).toEqual({ kind: 'wiki', user, wiki, path: uri, uri });
  });

  it.each([
    ['/alice/private/Docs/Intro/a/Plan.PNG', '/alice/private/docs/intro/Plan.PNG'],
    ['/Alice/Private/Docs/Read%20Me!/a/x%20y.pdf', '/alice/private/docs/read%20me/x%20y.pdf'],
    ['/alice/private/V1.2%20Notes/a/file.txt', '/alice/private/v12%20notes/file.txt'],
    ['/alice/private/%C3%9Cber/a/%EF%BC%A1.png', '/alice/private/%C3%BCber/A.png'],
    ['/alice/private/-Draft/Sub/a/x.png', '/alice/private/draft/sub/x.png'],
    ['/alice/private/Docs/x/../Intro/a/x.png', '/alice/private/docs/intro/x.png'],
    ['/alice/private/A%EF%BC%8F%20B/a/x.png', '/alice/private/a/b/x.png'],
    ['/alice/private/%20Notes%20/%23Q%3F/a/x.png', '/alice/private/notes/q/x.png'],
  ])('forwards the attachment URL %s as its object key %s, deciding on the page path', (raw, uri) => {
    const path = normalisePath(raw);
    expect(path).toMatchObject({ kind: 'wiki', user: 'alice', wiki: 'private', uri });
    // The same key the write function publishes to (attachments/ + the forwarded path).
    const viewerPath = (path as { path: string }).path;
    expect(`/attachments${uri}`).toBe(`/${attachmentKeyForPath(viewerPath)!.split('/').map(encodeURIComponent).join('/')}`);
  });

  it.each([
    ['/alice/private/Page/a/', '/alice/private/Page/a/'],
    ['/alice/private/a/x.png', '/alice/private/a/x.png'],
    ['/alice/private/-/a/x.png', '/alice/private/-/a/x.png'],
    ['/alice/private/!!/a/x.png', '/alice/private/!!/a/x.png'],
  ])('leaves %s, which names no attachment, as the page path %s', (raw, uri) => {
    expect(normalisePath(raw)).toEqual({ kind: 'wiki', user: 'alice', wiki: 'private', path: uri, uri });
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
