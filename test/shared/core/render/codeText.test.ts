import { html } from './renderHelpers';

describe('codeText', () => {
  it('writes inline code, escaped', () => {
    expect(html('use `a < b && c`')).toBe('<p>use <code>a &lt; b &amp;&amp; c</code></p>');
  });

  it('reads `$…$` as inline math (Otter Wiki), but not a lone `$`', () => {
    expect(html('`$\\sqrt{2}$`')).toContain('class="katex"');
    expect(html('`$`')).toBe('<p><code>$</code></p>');
    expect(html('`$$`')).toBe('<p><code>$$</code></p>');
  });
});
