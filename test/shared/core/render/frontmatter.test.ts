import { frontmatterTitle } from '../../../../shared/core/render/frontmatter';
import { html, render } from './renderHelpers';

describe('frontmatter', () => {
  it('shows YAML frontmatter as collapsed Properties and its title as the h1', () => {
    const page = render('---\ntitle: Title from frontmatter\ntag: test\n---\nBody');
    expect(page.html).toBe(
      '<details class="wb-frontmatter"><summary>Properties</summary><pre>title: Title from frontmatter\ntag: test</pre></details>\n' +
        '<h1>Title from frontmatter</h1>\n<p>Body</p>',
    );
  });

  it('adds no h1 when the page has its own', () => {
    expect(html('---\ntitle: T\n---\n# Own')).not.toContain('<h1>T</h1>');
  });

  it('escapes the title and the body', () => {
    const out = html('---\ntitle: <img src=x onerror=alert(1)>\nfoo: "</pre><b>"\n---\n');
    expect(out).not.toMatch(/<img|<b>/);
  });

  it('reads only a non-empty string title, and survives invalid YAML', () => {
    expect(frontmatterTitle('title: "Quoted"')).toBe('Quoted');
    expect(frontmatterTitle('title: 42')).toBeUndefined();
    expect(frontmatterTitle('title: [unclosed')).toBeUndefined();
  });

  it('is frontmatter only at the very start of the page', () => {
    expect(html('text\n\n---\ntitle: x\n---')).not.toContain('Properties');
  });

  it('reads an empty block at the start as two thematic breaks, not empty properties', () => {
    expect(html('---\n---\n')).toBe('<hr />\n<hr />\n');
    expect(html('> Foo\n---\n')).toBe('<blockquote>\n<p>Foo</p>\n</blockquote>\n<hr />\n');
  });
});
