import { html } from './renderHelpers';

describe('rawHtml', () => {
  it('passes allowed blocks and inline tags through, with markdown between them', () => {
    const out = html('<details>\n<summary>More</summary>\n\n**inside**\n\n</details>');
    expect(out).toBe('<details>\n<summary>More</summary>\n<p><strong>inside</strong></p>\n</details>');
    expect(html('a <kbd>Ctrl</kbd> b')).toBe('<p>a <kbd>Ctrl</kbd> b</p>');
  });

  it('escapes a whole chunk with anything not allowed (Otter Wiki)', () => {
    expect(html('<p onclick="alert(4)">PPPPP</p>')).toBe('&lt;p onclick=&quot;alert(4)&quot;&gt;PPPPP&lt;/p&gt;');
  });

  it('escapes the closing tag of an escaped inline tag too, leaving no orphan closing tag', () => {
    expect(html('a <span onclick="steal()">text</span> b')).toBe('<p>a &lt;span onclick=&quot;steal()&quot;&gt;text&lt;/span&gt; b</p>');
    expect(html('<i onmouseover=1>x</i> and <i>kept</i>')).toBe('<p>&lt;i onmouseover=1&gt;x&lt;/i&gt; and <i>kept</i></p>');
    // Nested: as many raw closing tags go out as raw opening tags, whatever the pairing.
    const nested = html('<span onclick=1><span>in</span></span>');
    expect(nested.match(/<span>/g)).toHaveLength(1);
    expect(nested.match(/<\/span>/g)).toHaveLength(1);
  });

  it('drops tags inside an image\'s alt text, where they would sit in an attribute', () => {
    expect(html('![<span title=" onerror=alert(1) x=">a</span>](x.png)')).toBe('<p><img src="x.png" alt="a" /></p>');
  });

  it('keeps preformatted and fenced HTML as code', () => {
    expect(html('    <script>alert(1)</script>')).toContain('&lt;script&gt;');
    expect(html('```html\n<script>alert(3)</script>\n```')).toContain('language-html');
  });
});
