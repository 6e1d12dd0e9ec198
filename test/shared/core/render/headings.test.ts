import { addHeadingIds, takeLeadingHeading } from '../../../../shared/core/render/headings';
import { html } from './renderHelpers';

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
});
