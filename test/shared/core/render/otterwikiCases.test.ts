import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage, type RenderedPage } from '../../../../shared/core/render/renderPage';
import { parseWikilinkStyle } from '../../../../shared/core/render/wikilink';
import { attr, BASE, elementsOf, textOf } from './renderHelpers';

/**
 * Otter Wiki's own renderer cases (the team's reference file beside the checkout), checked by
 * meaning under our design: links live under the wiki's base path, math is typeset at save
 * time, and our markup has classes of its own.
 */
const CASES_FILE = path.resolve(__dirname, '../../../../../shared/otterwiki-render-cases.json');

interface Case {
  readonly name: string;
  readonly markdown: string;
  readonly config: Record<string, string>;
}

const tags = (html: string, name: string) => elementsOf(html).filter((e) => e.tagName === name);
const hasClass = (html: string, name: string, cls: string) =>
  tags(html, name).some((e) => (attr(e, 'class') ?? '').split(/\s+/).includes(cls));
/** The TeX sources KaTeX typeset, from the MathML annotations it writes. */
const typeset = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

const CHECKS: Record<string, (page: RenderedPage) => void> = {
  basic_markdown: ({ html }) => {
    expect(tags(html, 'strong')).toHaveLength(1);
    expect(tags(html, 'em')).toHaveLength(1);
    expect(textOf(html)).toBe('bold italic');
  },
  toc: ({ html, toc }) => {
    expect(toc.map((e) => e.anchor)).toEqual(['head-1', 'head-11-bold', 'head-2', 'head-2-1']);
    expect(toc[1]).toEqual({ level: 2, text: 'head 1.1 bold', anchor: 'head-11-bold' });
    expect(tags(html, 'h2').map((h) => attr(h, 'id'))).toEqual(['head-11-bold']);
  },
  'codeblock_backticks[python]': ({ html }) => {
    expect(html).toContain('class="hljs language-python"');
    expect(hasClass(html, 'span', 'hljs-number')).toBe(true);
  },
  'codeblock_backticks[no lexer]': ({ html }) => {
    expect(tags(html, 'div').find((d) => attr(d, 'data-lang'))?.attrs).toContainEqual({ name: 'data-lang', value: 'non_existing_lexer' });
    expect(textOf(html)).toContain('n = 0');
    expect(html).not.toContain('hljs');
  },
  img: ({ html }) => {
    const [img] = tags(html, 'img');
    expect([attr(img!, 'src'), attr(img!, 'title'), attr(img!, 'alt')]).toEqual([`${BASE}/path/to/img.png`, 'title', 'alt text']);
  },
  wiki_link: ({ html }) => expect(tags(html, 'a').map((a) => [attr(a, 'href'), textOf(html)])).toEqual([[`${BASE}/Link`, 'Title']]),
  'wiki_link[spaces]': ({ html }) => expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/Link%20with%20spaces`),
  wiki_link_anchor: ({ html }) => {
    expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/Link%20with#some-heading`);
    expect(textOf(html)).toBe('Link with#Some Heading');
  },
  wiki_link_compatibility_mode: ({ html }) => {
    expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/people/Paul`);
    expect(textOf(html)).toBe('Paul');
  },
  table_align: ({ html }) => {
    expect(tags(html, 'th').map((t) => attr(t, 'align'))).toEqual(['left', 'center', 'right']);
    expect(tags(html, 'td').map((t) => attr(t, 'align'))).toEqual(['left', 'center', 'right']);
  },
  table_requires_delimiter_row: ({ html }) => expect(tags(html, 'table')).toHaveLength(0),
  clean_html_script: ({ html }) => {
    expect(tags(html, 'p').some((p) => p.attrs.length > 0)).toBe(false);
    expect(textOf(html)).toBe('<p onclick="alert(4)">PPPPP</p>');
  },
  strikethrough: ({ html }) => {
    expect([...html.matchAll(/<del>(.*?)<\/del>/g)].map((m) => m[1])).toEqual(['strike1', 'strike2', 's~t~r~i~k~e~3', 'strike4']);
  },
  mark: ({ html }) => {
    expect([...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1])).toEqual(['mark1', 'mark2', 'mark5', 'mark4']);
    expect(html).toContain('==m=a=r=k=3==');
  },
  math_block: ({ html, libraries }) => {
    expect(typeset(html)).toEqual(['a^2+b^2=c^2', 'a=b', 'c=d']);
    expect(libraries).toEqual([]);
  },
  latex_inline: ({ html }) => {
    expect(typeset(html)).toEqual(['latex1', 'latex2', 'latex6', 'latex3']);
    expect(textOf(html)).toContain('$latex4$');
    expect(textOf(html)).toContain('$latex5$');
  },
  footnote_named: ({ html }) => {
    const refs = tags(html, 'a').filter((a) => a.attrs.some((x) => x.name === 'data-footnote-ref'));
    expect(refs.map((a) => attr(a, 'href'))).toEqual(['#user-content-fn-1', '#user-content-fn-bignote', '#user-content-fn-1']);
    const items = tags(html, 'li').map((li) => attr(li, 'id'));
    expect(items).toEqual(['user-content-fn-1', 'user-content-fn-bignote']);
    expect(html).toContain('Indent paragraphs to include them');
  },
  tasklist: ({ html }) => {
    const boxes = tags(html, 'input');
    expect(boxes).toHaveLength(3);
    expect(boxes.filter((b) => b.attrs.some((a) => a.name === 'checked'))).toHaveLength(1);
  },
  fancy_blocks: ({ html, toc }) => {
    const [block] = tags(html, 'div');
    expect(attr(block!, 'role')).toBe('alert');
    expect(attr(block!, 'class')).toBe('wb-block wb-block-info');
    expect(html).toContain('<p class="wb-block-title">Head of the block.</p>');
    expect(html).toContain('<em>formatted</em>');
    expect(toc).toEqual([]);
  },
  all_alert_types: ({ html }) => {
    expect(hasClass(html, 'div', 'wb-alert-warning')).toBe(true);
    expect(textOf(html)).toContain('text\ntext');
    expect(html).not.toContain('[!warning]');
  },
  mermaid: ({ html, libraries }) => {
    expect(html).toContain('<pre class="mermaid">graph TD;\n    A--&gt;B;\n</pre>');
    expect(libraries).toEqual(['mermaid']);
  },
  frontmatter: ({ html, title, toc }) => {
    expect(tags(html, 'details')).toHaveLength(1);
    expect(textOf(html)).toContain('Properties');
    expect(textOf(html)).toContain('tag: test');
    expect(html).toContain('<h1>Title from frontmatter</h1>');
    expect(title).toBe('Title from frontmatter');
    expect(toc).toEqual([]);
  },
  link_escape: ({ html }) => expect(attr(tags(html, 'a')[0]!, 'href')).toBe('#harmful-link'),
};

describe("Otter Wiki's renderer cases, by meaning", () => {
  const cases = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8')) as Case[];

  it('has a meaning check for every case in the reference file', () => {
    expect(cases.map((c) => c.name).filter((name) => !CHECKS[name])).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => {
    const page = renderPage(c.markdown, { basePath: BASE, wikilinkStyle: parseWikilinkStyle(c.config.WIKILINK_STYLE) });
    CHECKS[c.name]!(page);
  });
});
