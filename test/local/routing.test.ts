import { originOf } from '../../local/routing';

describe('originOf', () => {
  it.each([
    ['/static/abc/app.css', 'static'],
    ['/api/wikis', 'write'],
    ['/auth/login', 'write'],
    ['/mcp', 'write'],
    ['/alice/notes/-/history/Home', 'write'],
    ['/alice/notes/', 'assemble'],
    ['/alice/notes/Docs/Intro', 'assemble'],
    ['/alice/notes/a-b/-', 'assemble'],
    ['/mcp/notes/', 'assemble'],
    ['/alice/notes/Docs/Intro/a/diagram.png', 'attachment'],
    ['/alice/notes/Page/a/x', 'attachment'],
    ['/alice/notes/a/x', 'assemble'],
    ['/alice/notes/Page/a/', 'assemble'],
    ['/alice/notes/-/a/x', 'write'],
    ['/alice/notes//a/x', 'assemble'],
    ['/alice/notes/-/sidebar/0123456789abcdef0123', 'assemble'],
    ['/alice/notes/-/sidebar/', 'assemble'],
    ['/alice/notes/-/sidebar', 'write'],
    ['/alice/notes/-/SIDEBAR/x', 'write'],
    ['/alice/notes/-/sidebars/x', 'write'],
    ['/api/notes/-/sidebar/x', 'write'],
  ])('%s → %s', (path, origin) => {
    expect(originOf(path)).toBe(origin);
  });
});
