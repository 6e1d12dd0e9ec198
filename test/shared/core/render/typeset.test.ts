import { MATH_FALLBACK_CLASS, typesetMath } from '../../../../shared/core/render/typeset';

describe('typesetMath', () => {
  it('returns KaTeX HTML with MathML for screen readers', () => {
    const out = typesetMath('a^2', false);
    expect(out.typeset).toBe(true);
    expect(out.html).toContain('<span class="katex">');
    expect(out.html).toContain('<math');
  });

  it('refuses links and HTML extensions inside formulas', () => {
    expect(typesetMath('\\href{javascript:alert(1)}{x}', false).html).not.toContain('href="javascript');
    expect(typesetMath('\\htmlClass{x}{y}', false).html).not.toContain('class="x"');
  });

  it('marks what it cannot typeset for MathJax, inline or display', () => {
    expect(typesetMath('\\require{x}', false)).toEqual({ typeset: false, html: `<span class="${MATH_FALLBACK_CLASS}">\\(\\require{x}\\)</span>` });
    expect(typesetMath('\\require{x}', true).html).toBe(`<span class="${MATH_FALLBACK_CLASS} wb-math-display">\\[\\require{x}\\]</span>`);
  });
});
