import { renderSidebar, type SidebarPage } from '../../../../shared/core/fragments/sidebar';

const pages: SidebarPage[] = [
  { path: 'zeta', title: 'Zeta' },
  { path: 'docs/intro', title: 'Intro' },
  { path: 'Beta', title: 'Beta' },
  { path: 'alpha', title: 'Alpha' },
  { path: 'docs', title: 'Docs Home' },
  { path: 'archive/2020/old', title: 'Old' },
];
const keys = (html: string) => [...html.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1]);

describe('renderSidebar', () => {
  it('nests pages by folder; foo.md and foo/ are one entry; folders without a page appear', () => {
    const html = renderSidebar(pages, { basePath: '/alice/notes' });
    expect(html).toContain('<li><details><summary><a href="/alice/notes/docs" data-key="docs">Docs Home</a></summary>' +
      '<ul class="wb-tree"><li><a href="/alice/notes/docs/intro" data-key="docs/intro">Intro</a></li></ul></details></li>');
    // Folders without a page lead to the A–Z index of that folder (there is no page to show).
    expect(html).toContain('<a href="/alice/notes/-/index?folder=archive" data-key="archive">Archive</a>');
    expect(html).toContain('<a href="/alice/notes/-/index?folder=archive%2F2020" data-key="archive/2020">2020</a>');
    expect(html).toContain('data-base="/alice/notes"');
  });

  it('sorts case-sensitively by default (SORTED), or ignoring case', () => {
    expect(keys(renderSidebar(pages, { basePath: '/u/w', mode: 'SORTED' }))).toEqual(
      ['beta', 'alpha', 'archive', 'archive/2020', 'archive/2020/old', 'docs', 'docs/intro', 'zeta']);
    expect(keys(renderSidebar(pages, { basePath: '/u/w', ignoreCase: true }))).toEqual(
      ['alpha', 'archive', 'archive/2020', 'archive/2020/old', 'beta', 'docs', 'docs/intro', 'zeta']);
  });

  it('puts folders first with DIRECTORIES_GROUPED and shows only folders with DIRECTORIES_ONLY', () => {
    const grouped = keys(renderSidebar(pages, { basePath: '/u/w', mode: 'DIRECTORIES_GROUPED', ignoreCase: true }));
    expect(grouped).toEqual(['archive', 'archive/2020', 'archive/2020/old', 'docs', 'docs/intro', 'alpha', 'beta', 'zeta']);
    expect(keys(renderSidebar(pages, { basePath: '/u/w', mode: 'DIRECTORIES_ONLY' }))).toEqual(['archive', 'archive/2020', 'docs']);
  });

  it('leaves out entries deeper than the maximum depth', () => {
    expect(keys(renderSidebar(pages, { basePath: '/u/w', maxDepth: 1, ignoreCase: true }))).toEqual(['alpha', 'beta', 'docs', 'zeta']);
  });

  it('is hidden in mode "", but still shows a custom menu', () => {
    expect(renderSidebar(pages, { basePath: '/u/w', mode: '' })).toBe('');
    const menu = JSON.stringify([{ link: 'https://example.com', title: 'Out' }]);
    expect(renderSidebar(pages, { basePath: '/u/w', mode: '', customMenu: menu })).toContain('<a href="https://example.com">Out</a>');
  });

  it('title-cases folder names (and _ as space when asked), escapes titles and encodes hrefs', () => {
    expect(renderSidebar([{ path: 'my_folder/x' }], { basePath: '/u/w', titles: { underscoreAsSpace: true } })).toContain('>My Folder</a>');
    const html = renderSidebar([{ path: 'a "b" <c>', title: '<img src=x onerror=alert(1)>' }], { basePath: '/u/w' });
    expect(html).not.toContain('<img');
    expect(html).toContain('href="/u/w/a%20%22b%22%20%3Cc%3E"');
  });
});
