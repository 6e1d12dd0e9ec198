import { addHeadingIds, takeLeadingHeading } from '../../../../shared/core/render/headings';
import { html, render } from './renderHelpers';

describe('headings', () => {
  it('ids only markdown headings; raw HTML headings stay as written and out of the TOC', () => {
    const { html: out, toc } = addHeadingIds('<h2 data-wb-h>A</h2><h2>B</h2>');
    expect(out).toBe('<h2 id="a">A</h2><h2>B</h2>');
    expect(toc).toEqual([{ level: 2, text: 'A', anchor: 'a' }]);
    expect(html('<h3>raw</h3>')).toBe('<h3>raw</h3>');
  });

  it('numbers duplicate anchors and slugs punctuation away', () => {
    expect(addHeadingIds('<h1 data-wb-h>Hi!</h1><h1 data-wb-h>Hi</h1>').html).toBe('<h1 id="hi">Hi!</h1><h1 id="hi-1">Hi</h1>');
  });

  it('splits a leading heading off container content', () => {
    expect(takeLeadingHeading('<h1 data-wb-h>T <em>x</em></h1>\n<p>b</p>')).toEqual({ heading: 'T <em>x</em>', rest: '<p>b</p>' });
    expect(takeLeadingHeading('<p>b</p>')).toEqual({ heading: undefined, rest: '<p>b</p>' });
  });

  it('reads a formula in a heading as its TeX source for the TOC, title and anchor', () => {
    const page = render('# Energy $E=mc^2$\n\n## Cost `$x$`');
    expect(page.toc).toEqual([
      { level: 1, text: 'Energy E=mc^2', anchor: 'energy-emc2' },
      { level: 2, text: 'Cost x', anchor: 'cost-x' },
    ]);
    expect(page.title).toBe('Energy E=mc^2');
  });

  it('gives a heading named like the footnotes section a different id', () => {
    const page = render('# Footnote label\n\ntext[^1]\n\n[^1]: note');
    expect(page.toc[0]!.anchor).toBe('footnote-label-1');
    expect(page.html.match(/id="footnote-label"/g)).toHaveLength(1);
  });
});
