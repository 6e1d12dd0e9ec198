import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage, type RenderedPage } from '../../../../shared/core/render/renderPage';
import { parseWikilinkStyle } from '../../../../shared/core/render/wikilink';
import { attr, BASE, elementsOf, textOf } from './renderHelpers';

/**
 * Otter Wiki's renderer behaviour, restated by us as small cases (test/fixtures), checked by
 * meaning under our design: links live under the wiki's base path, math is typeset at save
 * time, and our markup has classes of its own.
 */
const CASES_FILE = path.join(__dirname, '../../../fixtures/otterwiki-render-cases.json');

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
  emphasis: ({ html }) => {
    expect(tags(html, 'strong')).toHaveLength(1);
    expect(tags(html, 'em')).toHaveLength(1);
    expect(textOf(html)).toBe('strong words slanted words');
  },
  'table of contents': ({ html, toc }) => {
    expect(toc.map((e) => e.anchor)).toEqual(['alpha', 'part-25-loud', 'gamma', 'gamma-1']);
    expect(toc[1]).toEqual({ level: 2, text: 'Part 2.5 loud', anchor: 'part-25-loud' });
    expect(tags(html, 'h2').map((h) => attr(h, 'id'))).toEqual(['part-25-loud']);
  },
  'fenced code, known language': ({ html }) => {
    expect(html).toContain('class="hljs language-javascript"');
    expect(hasClass(html, 'span', 'hljs-number')).toBe(true);
  },
  'fenced code, unknown language': ({ html }) => {
    expect(tags(html, 'div').find((d) => attr(d, 'data-lang'))?.attrs).toContainEqual({ name: 'data-lang', value: 'no_such_language' });
    expect(textOf(html)).toContain('answer = 42');
    expect(html).not.toContain('hljs');
  },
  'image with title': ({ html }) => {
    const [img] = tags(html, 'img');
    expect([attr(img!, 'src'), attr(img!, 'title'), attr(img!, 'alt')]).toEqual([`${BASE}/media/chart.svg`, 'Quarterly chart', 'a small chart']);
  },
  'wikilink with a label': ({ html }) => expect(tags(html, 'a').map((a) => [attr(a, 'href'), textOf(html)])).toEqual([[`${BASE}/Target`, 'Shown words']]),
  'wikilink with spaces': ({ html }) => expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/Target%20with%20spaces`),
  'wikilink to a heading': ({ html }) => {
    expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/Target%20page#second-section`);
    expect(textOf(html)).toBe('Target page#Second Section');
  },
  'wikilink, page first': ({ html }) => {
    expect(attr(tags(html, 'a')[0]!, 'href')).toBe(`${BASE}/team/Alice`);
    expect(textOf(html)).toBe('Alice');
  },
  'table alignment': ({ html }) => {
    expect(tags(html, 'th').map((t) => attr(t, 'align'))).toEqual(['left', 'center', 'right']);
    expect(tags(html, 'td').map((t) => attr(t, 'align'))).toEqual(['left', 'center', 'right']);
  },
  'table needs a delimiter row': ({ html }) => expect(tags(html, 'table')).toHaveLength(0),
  'raw html with an event handler': ({ html }) => {
    expect(tags(html, 'p').some((p) => p.attrs.length > 0)).toBe(false);
    expect(textOf(html)).toBe('<p onmouseover="steal()">hover me</p>');
  },
  strikethrough: ({ html }) => {
    expect([...html.matchAll(/<del>(.*?)<\/del>/g)].map((m) => m[1])).toEqual(['gone', 'removed', 'a~b~c', 'last']);
  },
  highlight: ({ html }) => {
    expect([...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1])).toEqual(['first', 'second', 'third', 'fourth']);
    expect(html).toContain('==x=y=z==');
    expect(textOf(html)).toContain('a ==not== b');
    expect(textOf(html)).toContain('==not either==');
  },
  'math blocks': ({ html, libraries }) => {
    expect(typeset(html)).toEqual(['x^2=y', 'p=q', 'r=s']);
    expect(libraries).toEqual([]);
  },
  'inline math': ({ html }) => {
    expect(typeset(html)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(textOf(html)).toContain('$notmath1$');
    expect(textOf(html)).toContain('$notmath2$');
  },
  'footnotes, numbered and named': ({ html }) => {
    const refs = tags(html, 'a').filter((a) => a.attrs.some((x) => x.name === 'data-footnote-ref'));
    expect(refs.map((a) => attr(a, 'href'))).toEqual(['#user-content-fn-1', '#user-content-fn-source', '#user-content-fn-1']);
    const items = tags(html, 'li').map((li) => attr(li, 'id'));
    expect(items).toEqual(['user-content-fn-1', 'user-content-fn-source']);
    expect(html).toContain('Its second paragraph is indented.');
  },
  'task list': ({ html }) => {
    const boxes = tags(html, 'input');
    expect(boxes).toHaveLength(3);
    expect(boxes.filter((b) => b.attrs.some((a) => a.name === 'checked'))).toHaveLength(1);
  },
  'info block': ({ html, toc }) => {
    const [block] = tags(html, 'div');
    expect(attr(block!, 'role')).toBe('alert');
    expect(attr(block!, 'class')).toBe('wb-block wb-block-warning');
    expect(html).toContain('<p class="wb-block-title">Careful now</p>');
    expect(html).toContain('<em>emphasised</em>');
    expect(toc).toEqual([]);
  },
  alert: ({ html }) => {
    expect(hasClass(html, 'div', 'wb-alert-tip')).toBe(true);
    expect(textOf(html)).toContain('line one\nline two');
    expect(html).not.toContain('[!tip]');
  },
  mermaid: ({ html, libraries }) => {
    expect(html).toContain('<pre class="mermaid">flowchart LR;\n    X--&gt;Y;\n</pre>');
    expect(libraries).toEqual(['mermaid']);
  },
  frontmatter: ({ html, title, toc }) => {
    expect(tags(html, 'details')).toHaveLength(1);
    expect(textOf(html)).toContain('Properties');
    expect(textOf(html)).toContain('author: someone');
    expect(html).toContain('<h1>Heading from properties</h1>');
    expect(title).toBe('Heading from properties');
    expect(toc).toEqual([]);
  },
  'harmful link': ({ html }) => expect(attr(tags(html, 'a')[0]!, 'href')).toBe('#harmful-link'),
};

describe("Otter Wiki's renderer behaviour, by meaning", () => {
  const cases = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8')) as Case[];

  it('has a meaning check for every case in the fixture file', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => {
    const page = renderPage(c.markdown, { basePath: BASE, wikilinkStyle: parseWikilinkStyle(c.config.WIKILINK_STYLE) });
    CHECKS[c.name]!(page);
  });
});
