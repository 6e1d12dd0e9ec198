import { BASE, html, render } from './renderHelpers';

describe('renderPage', () => {
  it('links [[Page]] under the wiki base path', () => {
    expect(html('See [[Other Page]].')).toContain('<a href="/alice/notes/Other%20Page" class="wikilink">Other Page</a>');
  });

  it('reads [[Title|Page]] by default and [[Page|Title]] with LINKTITLE', () => {
    expect(html('[[Nice title|docs/Intro]]')).toContain('<a href="/alice/notes/docs/Intro" class="wikilink">Nice title</a>');
    expect(html('[[docs/Intro|Nice title]]', { wikilinkStyle: 'LINKTITLE' })).toContain('href="/alice/notes/docs/Intro"');
  });

  it('slugifies the #fragment of a wikilink', () => {
    expect(html('[[Page#Some Heading!]]')).toContain('href="/alice/notes/Page#some-heading"');
    expect(html('[[#Top Part]]')).toContain('href="#top-part"');
  });

  it('leaves wikilinks inside code alone', () => {
    const out = html('`[[Page]]`\n\n```\n[[Page]]\n```');
    expect(out).not.toContain('<a');
    expect(out).toContain('<code>[[Page]]</code>');
  });

  it('renders an empty wikilink as text', () => {
    expect(html('[[ ]]')).toBe('<p>[[ ]]</p>');
  });

  it('scopes root-relative links and images under the wiki, not protocol-relative ones', () => {
    const out = html('[a](/Page) ![i](/img.png) [b](//example.com/x) [c](https://example.com/)');
    expect(out).toContain(`<a href="${BASE}/Page">`);
    expect(out).toContain(`<img src="${BASE}/img.png"`);
    expect(out).toContain('<a href="//example.com/x">');
    expect(out).toContain('<a href="https://example.com/">');
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

  it('escapes raw HTML that is not on the allow-list, keeps what is', () => {
    const out = html('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b>bold</b>');
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('<b>bold</b>');
  });

  it('extends the allow-list with the wiki\'s RENDERER_HTML_ALLOWLIST', () => {
    const meter = '<meter value="3" max="10"></meter>';
    expect(html(meter)).toContain('&lt;meter');
    expect(html(meter, { htmlAllowlist: 'meter[value max]' })).toContain(meter);
  });

  it('points javascript: links at #harmful-link and escapes injection through wikilink text', () => {
    expect(html('[x](javascript:alert(1))')).toContain('<a href="#harmful-link">x</a>');
    const out = html('[["><script>alert(1)</script>]]');
    expect(out).not.toContain('<script');
    expect(out).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('lists the client libraries a page needs, and only those', () => {
    expect(render('plain $x$ text').libraries).toEqual([]);
    expect(render('```mermaid\ngraph TD; A-->B\n```').libraries).toEqual(['mermaid']);
    expect(render('$$\n\\begin{multline}a\\\\b\\end{multline}\n$$').libraries).toEqual(['mathjax']);
  });

  it('takes the frontmatter title as the title of a page without a level-one heading', () => {
    expect(render('---\ntitle: From YAML\n---\n\n## Part').title).toBe('From YAML');
    expect(render('---\ntitle: From YAML\n---\n\n# Own heading').title).toBe('Own heading');
  });

  it('renders a mixed page of every construct without throwing', () => {
    const page = render('# T\n\n==m== $x$ [[P]]\n\n> [!TIP]\n> t\n\n>! s\n\n>| f\n\n::: info\nb\n:::\n\n*[T]: Tee\n');
    expect(page.html).toContain('<mark>m</mark>');
    expect(page.html).toContain('wb-alert-tip');
    expect(page.html).toContain('wb-spoiler');
    expect(page.html).toContain('wb-fold');
    expect(page.html).toContain('wb-block-info');
  });
});
