import { renderSidebarNav, renderSidebarTree, type SidebarPage } from '../../../../shared/core/fragments/sidebar';
import { BRANCH_SLOT } from '../../../../shared/core/fragments/sidebarEnvelope';

const pages: SidebarPage[] = [
  { path: 'zeta', title: 'Zeta' },
  { path: 'docs/intro', title: 'Intro' },
  { path: 'Beta', title: 'Beta' },
  { path: 'alpha', title: 'Alpha' },
  { path: 'docs', title: 'Docs Home' },
  { path: 'archive/2020/old', title: 'Old' },
];
const keys = (html: string) => [...html.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1]);

describe('renderSidebarTree', () => {
  it('nests pages by folder; foo.md and foo/ are one entry; folders without a page appear', () => {
    const html = renderSidebarTree(pages, { basePath: '/alice/notes' });
    expect(html).toContain('<li><details><summary><a href="/alice/notes/docs" data-key="docs">Docs Home</a></summary>' +
      '<ul class="wb-tree"><li><a href="/alice/notes/docs/intro" data-key="docs/intro">Intro</a></li></ul></details></li>');
    // Folders without a page lead to the A–Z index of that folder (there is no page to show).
    expect(html).toContain('<a href="/alice/notes/-/index?folder=archive" data-key="archive">Archive</a>');
    expect(html).toContain('<a href="/alice/notes/-/index?folder=archive%2F2020" data-key="archive/2020">2020</a>');
    expect(html.startsWith('<ul class="wb-tree">')).toBe(true);
  });

  it('sorts case-sensitively by default (SORTED), or ignoring case', () => {
    expect(keys(renderSidebarTree(pages, { basePath: '/u/w', mode: 'SORTED' }))).toEqual(
      ['beta', 'alpha', 'archive', 'archive/2020', 'archive/2020/old', 'docs', 'docs/intro', 'zeta']);
    expect(keys(renderSidebarTree(pages, { basePath: '/u/w', ignoreCase: true }))).toEqual(
      ['alpha', 'archive', 'archive/2020', 'archive/2020/old', 'beta', 'docs', 'docs/intro', 'zeta']);
  });

  it('puts folders first with DIRECTORIES_GROUPED and shows only folders with DIRECTORIES_ONLY', () => {
    const grouped = keys(renderSidebarTree(pages, { basePath: '/u/w', mode: 'DIRECTORIES_GROUPED', ignoreCase: true }));
    expect(grouped).toEqual(['archive', 'archive/2020', 'archive/2020/old', 'docs', 'docs/intro', 'alpha', 'beta', 'zeta']);
    expect(keys(renderSidebarTree(pages, { basePath: '/u/w', mode: 'DIRECTORIES_ONLY' }))).toEqual(['archive', 'archive/2020', 'docs']);
  });

  it('leaves out entries deeper than the maximum depth', () => {
    expect(keys(renderSidebarTree(pages, { basePath: '/u/w', maxDepth: 1, ignoreCase: true }))).toEqual(['alpha', 'beta', 'docs', 'zeta']);
  });

  it('is empty in mode "" (hidden)', () => {
    expect(renderSidebarTree(pages, { basePath: '/u/w', mode: '' })).toBe('');
    expect(renderSidebarTree([], { basePath: '/u/w' })).toBe('');
  });

  it('title-cases folder names (and _ as space when asked), escapes titles and encodes hrefs', () => {
    expect(renderSidebarTree([{ path: 'my_folder/x' }], { basePath: '/u/w', titles: { underscoreAsSpace: true } })).toContain('>My Folder</a>');
    const html = renderSidebarTree([{ path: 'a "b" <c>', title: '<img src=x onerror=alert(1)>' }], { basePath: '/u/w' });
    expect(html).not.toContain('<img');
    expect(html).toContain('href="/u/w/a%20%22b%22%20%3Cc%3E"');
  });
});

describe('renderSidebarNav', () => {
  const menu = JSON.stringify([{ link: 'https://example.com', title: 'Out' }]);

  it('points at the tree and keeps its place with the branch slot and links to Home and A–Z', () => {
    const html = renderSidebarNav({ basePath: '/alice/notes' }, '/alice/notes/-/sidebar/0123456789abcdef0123');
    expect(html).toContain('<nav class="wb-sidebar" aria-label="Pages" data-base="/alice/notes" data-tree="/alice/notes/-/sidebar/0123456789abcdef0123">');
    expect(html).toContain(`<div class="wb-tree-slot">${BRANCH_SLOT}<ul class="wb-tree wb-tree-fallback">`);
    expect(html).toContain('<a href="/alice/notes/">Home</a>');
    expect(html).toContain('<a href="/alice/notes/-/index">All pages A–Z</a>');
    expect(html).not.toContain('wb-sidebar-heading');
  });

  it('shows a custom menu with a "Pages" heading above the tree, or alone when the tree is hidden', () => {
    const both = renderSidebarNav({ basePath: '/u/w', customMenu: menu }, '/u/w/-/sidebar/0123456789abcdef0123');
    expect(both).toMatch(/<ul class="wb-custom-menu">.*<p class="wb-sidebar-heading">Pages<\/p><div class="wb-tree-slot">/);
    const alone = renderSidebarNav({ basePath: '/u/w', mode: '', customMenu: menu }, undefined);
    expect(alone).toContain('<a href="https://example.com">Out</a>');
    expect(alone).not.toContain('data-tree');
    expect(alone).not.toContain(BRANCH_SLOT);
  });

  it('is empty with neither a tree nor a custom menu', () => {
    expect(renderSidebarNav({ basePath: '/u/w', mode: '' }, undefined)).toBe('');
  });

  it('escapes the base path and the tree URL', () => {
    const html = renderSidebarNav({ basePath: '/u/"w' }, '/u/"w/-/sidebar/x"><script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('data-tree="/u/&quot;w/-/sidebar/x&quot;&gt;&lt;script&gt;"');
  });
});
