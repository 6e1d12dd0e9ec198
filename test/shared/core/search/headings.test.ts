import { renderPage } from '../../../../shared/core/render/renderPage';
import { inlineText, markdownHeadings } from '../../../../shared/core/search/headings';

const rendered = (md: string, linkTitle = false) =>
  renderPage(md, { basePath: '/a/w', wikilinkStyle: linkTitle ? 'LINKTITLE' : 'TITLELINK' }).toc.map(({ level, text, anchor }) => ({ level, text, anchor }));

describe('markdownHeadings', () => {
  it.each([
    ['ATX levels and closing hashes', '# Title\n\ntext\n\n## Part one ##\n\n### Part *two*\n'],
    ['setext headings', 'Big Title\n=========\n\nSmaller\n-------\n\nbody\n'],
    ['duplicates get -1, -2', '## Intro\n\n## Intro\n\n## Intro!\n'],
    ['links, wikilinks, code and emphasis reduce to their text', '## See [the docs](https://x.y) and [[Home]]\n\n## Using `npm start` **now**\n\n## A [[Title|Page]] link\n'],
    ['accents and punctuation', '## Über straße — 1.2.3?\n\n## ¿Qué?\n'],
    ['code fences hide headings', '# Real\n\n```md\n# Not a heading\n```\n\n~~~\n## Nor this\n~~~\n\n## After\n'],
    ['a thematic break is no heading', 'para\n\n---\n\n## H\n'],
    ['front matter is skipped', '---\ntitle: x\n---\n\n# Doc\n'],
    ['escapes', '## 1\\. Not a list \\*really\\*\n'],
  ])('%s: same anchors as the renderer', (_name, md) => {
    expect(markdownHeadings(md)).toEqual(rendered(md));
  });

  it('follows WIKILINK_STYLE=LINKTITLE', () => {
    const md = '## A [[Page|Shown]] link\n';
    expect(markdownHeadings(md, { linkTitle: true })).toEqual(rendered(md, true));
  });

  it('keeps at most `max` headings', () => {
    const md = Array.from({ length: 10 }, (_, i) => `## H${i}\n`).join('\n');
    expect(markdownHeadings(md, { max: 3 }).map((h) => h.text)).toEqual(['H0', 'H1', 'H2']);
  });

  it('reduces inline markdown to text', () => {
    expect(inlineText('**bold** _em_ snake_case `a<b>` &amp; <b>x</b>', false)).toBe('bold em snake_case a<b> & x');
  });
});
