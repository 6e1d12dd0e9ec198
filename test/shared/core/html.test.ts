import { escapeHtml, htmlToText } from '../../../shared/core/html';

describe('html', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('turns markup back into text, decoding entities', () => {
    expect(htmlToText('<em>a</em> &amp; &#x41;&#66; &lt;&unknown;')).toBe('a & AB <&unknown;');
  });
});
