import { renderPage } from '../../../../shared/core/render/renderPage';

const render = (markdown: string, style?: 'LINKTITLE' | 'TITLELINK') =>
  renderPage(markdown, { basePath: '/alice/notes', wikilinkStyle: style });

describe('renderPage', () => {
  it('links [[Page]] under the wiki base path', () => {
    expect(render('See [[Other Page]].').html).toContain('<a href="/alice/notes/Other%20Page" class="wikilink">Other Page</a>');
  });

  it('reads [[Title|Page]] by default and [[Page|Title]] with LINKTITLE', () => {
    expect(render('[[Nice title|docs/Intro]]').html).toContain('<a href="/alice/notes/docs/Intro" class="wikilink">Nice title</a>');
    expect(render('[[docs/Intro|Nice title]]', 'LINKTITLE').html).toContain('href="/alice/notes/docs/Intro"');
  });

  it('slugifies the #fragment of a wikilink', () => {
    expect(render('[[Page#Some Heading!]]').html).toContain('href="/alice/notes/Page#some-heading"');
    expect(render('[[#Top Part]]').html).toContain('href="#top-part"');
  });

  it('leaves wikilinks inside code alone', () => {
    const { html } = render('`[[Page]]`\n\n```\n[[Page]]\n```');
    expect(html).not.toContain('<a');
    expect(html).toContain('<code>[[Page]]</code>');
  });

  it('renders an empty wikilink as text', () => {
    expect(render('[[ ]]').html).toBe('<p>[[ ]]</p>');
  });

  it('scopes root-relative links and images under the wiki, not protocol-relative ones', () => {
    const { html } = render('[a](/Page) ![i](/img.png) [b](//example.com/x) [c](https://example.com/)');
    expect(html).toContain('<a href="/alice/notes/Page">');
    expect(html).toContain('<img src="/alice/notes/img.png"');
    expect(html).toContain('<a href="//example.com/x">');
    expect(html).toContain('<a href="https://example.com/">');
  });

  it('gives headings Otter Wiki ids, numbering duplicates, and returns the TOC and title', () => {
    const page = render('# Héllo *World*\n\n## Hello World\n\nSetext\n------');
    expect(page.html).toContain('<h1 id="hello-world">Héllo <em>World</em></h1>');
    expect(page.html).toContain('<h2 id="hello-world-1">Hello World</h2>');
    expect(page.toc).toEqual([
      { level: 1, text: 'Héllo World', anchor: 'hello-world' },
      { level: 2, text: 'Hello World', anchor: 'hello-world-1' },
      { level: 2, text: 'Setext', anchor: 'setext' },
    ]);
    expect(page.title).toBe('Héllo World');
  });

  it('has no title when the page has no heading', () => {
    expect(render('just text').title).toBeUndefined();
  });

  it('escapes raw HTML instead of passing it through', () => {
    const { html } = render('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('neutralises javascript: links and injection through wikilink text', () => {
    expect(render('[x](javascript:alert(1))').html).not.toContain('javascript:');
    const { html } = render('[["><script>alert(1)</script>]]');
    expect(html).not.toContain('<script');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('renders GFM tables, strikethrough, task lists and autolinks', () => {
    const { html } = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ https://example.com\n\n- [x] done');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>x</del>');
    expect(html).toContain('<a href="https://example.com">');
    expect(html).toContain('type="checkbox"');
  });
});
