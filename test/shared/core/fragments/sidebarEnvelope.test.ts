import { renderBranch } from '../../../../shared/core/fragments/branch';
import {
  BRANCH_SLOT, decodeSidebarFragment, encodeSidebarFragment, sidebarForPage,
} from '../../../../shared/core/fragments/sidebarEnvelope';

const keys = (html: string) => [...html.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1]);
const nav = `<nav class="wb-sidebar"><div class="wb-tree-slot">${BRANCH_SLOT}<ul class="wb-tree wb-tree-fallback"></ul></div></nav>`;

describe('renderBranch', () => {
  it('nests the ancestors as open folders down to the page, marked current', () => {
    expect(renderBranch('/u/w', 'docs/getting started', 'Getting Started')).toBe(
      '<ul class="wb-tree"><li><details open><summary><a href="/u/w/docs" data-key="docs">Docs</a></summary>' +
      '<ul class="wb-tree"><li><a href="/u/w/docs/getting%20started" data-key="docs/getting started" aria-current="page">Getting Started</a></li></ul>' +
      '</details></li></ul>');
  });

  it('labels the page as the tree does: its heading when it spells the name, else the title-cased name', () => {
    expect(renderBranch('/u/w', 'api reference', 'API Reference')).toContain('>API Reference</a>');
    expect(renderBranch('/u/w', 'intro', 'Intro & more')).toContain('>Intro</a>');
    expect(renderBranch('/u/w', 'home', undefined)).toBe('<ul class="wb-tree"><li><a href="/u/w/home" data-key="home" aria-current="page">Home</a></li></ul>');
  });

  it('stops at the maximum depth and leaves the page out with DIRECTORIES_ONLY', () => {
    expect(keys(renderBranch('/u/w', 'a/b/c/d', 'D', { maxDepth: 2 }))).toEqual(['a', 'a/b']);
    expect(keys(renderBranch('/u/w', 'a/b/c', 'C', { foldersOnly: true }))).toEqual(['a', 'a/b']);
    expect(renderBranch('/u/w', 'top', 'Top', { foldersOnly: true })).toBe('');
  });

  it('escapes labels and encodes hrefs', () => {
    const html = renderBranch('/u/w', 'a "b"/<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="/u/w/a%20%22b%22"');
  });
});

describe('sidebar fragment envelope', () => {
  it('round-trips its meta and keeps the comment well-formed', () => {
    const meta = { tree: '0123456789abcdef0123', maxDepth: 2, superseded: [{ hash: 'abcdefabcdefabcdef01', since: 5 }] };
    const body = encodeSidebarFragment(meta, nav);
    expect(body.split('\n')[0]).not.toMatch(/-->.*-->/);
    expect(decodeSidebarFragment(body)).toEqual({ meta, html: nav });
  });

  it('reads a fragment published before trees were split off (the whole tree inline) as plain HTML', () => {
    expect(decodeSidebarFragment('<nav class="wb-sidebar"><ul class="wb-tree"></ul></nav>')).toEqual({
      meta: {}, html: '<nav class="wb-sidebar"><ul class="wb-tree"></ul></nav>',
    });
    expect(sidebarForPage('<nav>old</nav>', '/u/w', 'x', 'X')).toBe('<nav>old</nav>');
  });
});

describe('sidebarForPage', () => {
  it('fills the branch slot with the page\'s branch, by the fragment\'s depth', () => {
    const fragment = encodeSidebarFragment({ tree: '0123456789abcdef0123', maxDepth: 1 }, nav);
    const html = sidebarForPage(fragment, '/u/w', 'docs/intro', 'Intro');
    expect(html).not.toContain('<!--wb:');
    expect(keys(html)).toEqual(['docs']);
    expect(html).toContain('wb-tree-fallback');
  });

  it('leaves the slot empty without a page, and is empty without a fragment', () => {
    const fragment = encodeSidebarFragment({}, nav);
    expect(sidebarForPage(fragment, '/u/w')).toBe(nav.replace(BRANCH_SLOT, ''));
    expect(sidebarForPage(undefined, '/u/w', 'x', 'X')).toBe('');
  });

  it('inserts a branch with `$` patterns literally', () => {
    const html = sidebarForPage(encodeSidebarFragment({}, nav), '/u/w', "$&$'", '$&');
    expect(html).not.toContain(BRANCH_SLOT);
    expect(html).toContain('data-key="$&amp;$&#39;"');
  });
});
