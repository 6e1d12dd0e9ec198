import { html, render } from './renderHelpers';

describe('fold', () => {
  it('folds >| lines under their leading heading, which stays out of the TOC', () => {
    const page = render('>| # Headline is used as summary\n>| with the details folded.');
    expect(page.html).toBe('<details class="wb-fold"><summary>Headline is used as summary</summary><div class="wb-fold-content"><p>with the details folded.</p></div></details>');
    expect(page.toc).toEqual([]);
  });

  it('has a default summary when there is no heading', () => {
    expect(html('>| body')).toContain('<summary>Details</summary>');
  });

  it('escapes a crafted heading like any other markdown', () => {
    expect(html('>| # <img src=x onerror=alert(1)>\n>| body')).not.toContain('<img');
  });

  it('ends at the first line without >|', () => {
    expect(html('>| # S\n>| body\nafter')).toMatch(/<p>body<\/p><\/div><\/details>\n<p>after<\/p>$/);
  });
});
