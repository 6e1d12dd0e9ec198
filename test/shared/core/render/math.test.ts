import { html, render } from './renderHelpers';

const tex = (out: string) => [...out.matchAll(/application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

describe('math', () => {
  it('typesets $inline$ and $$display$$ with KaTeX at save time', () => {
    const out = html('Euler: $e^{i\\pi}+1=0$ and $$x^2$$');
    expect(tex(out)).toEqual(['e^{i\\pi}+1=0', 'x^2']);
    expect(out).toContain('class="katex-display"');
  });

  it('typesets a $$ fenced block as display math in its own block', () => {
    const out = html('$$\n\\int_0^1 x\\,dx\n$$');
    expect(out.startsWith('<div class="wb-math-block"><span class="katex-display">')).toBe(true);
    expect(tex(out)).toEqual(['\\int_0^1 x\\,dx']);
  });

  it('keeps prices as text: a dollar followed or preceded by a space is no math', () => {
    expect(html('From $5 to $10')).toBe('<p>From $5 to $10</p>');
  });

  it('falls back to MathJax in the browser for a formula KaTeX cannot typeset', () => {
    const page = render('$\\bbox[5px]{x}$');
    expect(page.html).toContain('<span class="wb-math-fallback">\\(\\bbox[5px]{x}\\)</span>');
    expect(page.libraries).toEqual(['mathjax']);
  });

  it('escapes the source of a formula it leaves to the browser', () => {
    expect(html('$\\unicode{x41}<b>$')).toContain('\\(\\unicode{x41}&lt;b&gt;\\)');
  });
});
