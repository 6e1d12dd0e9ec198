import { neutralizeHarmfulLinks } from '../../../../shared/core/render/harmfulLinks';
import { html } from './renderHelpers';

describe('neutralizeHarmfulLinks', () => {
  it('points harmful link and image targets at #harmful-link', () => {
    expect(neutralizeHarmfulLinks('<a href="javascript:x">a</a><img src="data:x" />')).toBe('<a href="#harmful-link">a</a><img src="#harmful-link" />');
  });

  it('keeps other schemes working, unlike micromark\'s own short list', () => {
    expect(html('[f](ftp://example.com/f) [t](tel:+123)')).toBe('<p><a href="ftp://example.com/f">f</a> <a href="tel:+123">t</a></p>');
    expect(html('[x](&#x6A;avascript:alert(1))')).toContain('href="#harmful-link"');
  });
});
