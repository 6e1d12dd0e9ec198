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

describe('typesetMath: no client fallback for formulas that carry links or attributes', () => {
  it.each([
    '\\href{javascript:alert(1)}{\\bbox{x}}', '\\href {java\tscript:alert(1)}{\\bbox{x}}', '\\url{javascript:alert(1)}\\bbox{x}',
    '\\class{wb-x}{\\bbox{x}}', '\\cssId{main}{\\bbox{x}}', '\\style{position:fixed}{\\bbox{x}}', '\\data{x=1}{\\bbox{x}}',
    '\\csname href\\endcsname{javascript:alert(1)}{\\bbox{x}}', '\\require{https://evil.example/x.js}', '\\require{[x]/y}',
    '\\mmlToken{mi}[href="javascript:alert(1)"]{x}', '\\htmlClass{x}{\\bbox{y}}',
  ])('shows %j as source, never as a MathJax fallback', (tex) => {
    for (const display of [false, true]) {
      const out = typesetMath(tex, display);
      expect(out.html).not.toContain(MATH_FALLBACK_CLASS);
      expect(out.html).toMatch(/^<code class="wb-math-error"/);
      expect(out.html).not.toMatch(/<a\b|href="/);
    }
  });

  it('still falls back for what only MathJax can do, without links', () => {
    expect(typesetMath('\\bbox[red]{x}', false).typeset).toBe(false);
    expect(typesetMath('\\require{cancel}\\cancel{x}', false).typeset).toBe(false);
  });
});
