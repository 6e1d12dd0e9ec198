import { renderCodeBlock } from '../../../../shared/core/render/codeBlock';
import { createRenderState } from '../../../../shared/core/render/renderState';
import { html, render } from './renderHelpers';

describe('codeBlock', () => {
  it('highlights a fenced block in a known language', () => {
    const out = html('```js\nconst x = 1;\n```');
    expect(out).toBe('<div class="wb-code" data-lang="js"><pre><code class="hljs language-js"><span class="hljs-keyword">const</span> x = <span class="hljs-number">1</span>;</code></pre></div>');
  });

  it('shows an unknown language as plain escaped text, keeping its name', () => {
    expect(html('```nosuchlang\n<b>x</b>\n```')).toBe('<div class="wb-code" data-lang="nosuchlang"><pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre></div>');
  });

  it('numbers the lines of ```lang= blocks', () => {
    const out = html('```python=\na = 1\nb = 2\n```');
    expect(out).toContain('<pre class="wb-numbered">');
    expect(out.match(/<span class="wb-line">/g)).toHaveLength(2);
  });

  it('keeps indented and unlabelled blocks plain', () => {
    expect(html('    $x$ [[y]]')).toBe('<div class="wb-code"><pre><code>$x$ [[y]]</code></pre></div>');
    expect(html('```\n==no mark==\n```')).toBe('<div class="wb-code"><pre><code>==no mark==</code></pre></div>');
  });

  it('typesets each line of ```math as display math', () => {
    const out = html('```math\na=b\n\nc=d\n```');
    expect(out.match(/class="wb-math-block"/g)).toHaveLength(2);
  });

  it('marks ```mermaid for the mermaid library', () => {
    const page = render('```mermaid\ngraph TD; A-->B\n```');
    expect(page.libraries).toEqual(['mermaid']);
    expect(page.html).toContain('<pre class="mermaid">');
  });

  it('renders directly from a code string and info', () => {
    const state = createRenderState();
    expect(renderCodeBlock('x', '', state)).toBe('<div class="wb-code"><pre><code>x</code></pre></div>');
    expect(renderCodeBlock('x', 'ruby extra meta', state)).toContain('language-ruby');
  });

  it('reads the info string as CommonMark does: escapes and character references decoded', () => {
    expect(html('``` foo\\+bar\nfoo\n```')).toContain('data-lang="foo+bar"');
    expect(html('``` f&ouml;&ouml;\nfoo\n```')).toContain('data-lang="föö"');
  });

  it('keeps blank lines at the end of a fence visible', () => {
    expect(html('```\nb\n\n\n```')).toContain('<code>b\n\n\n</code>');
    expect(html('```\nb\n```')).toContain('<code>b</code>');
  });
});
