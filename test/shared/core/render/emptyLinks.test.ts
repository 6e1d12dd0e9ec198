import { attr, elementsOf, html, textOf } from './renderHelpers';

const linkOf = (markdown: string) => elementsOf(html(markdown)).find((e) => e.tagName === 'a')!;

describe('fillEmptyLinks', () => {
  it('shows the URL of a link whose label is empty, with or without a title', () => {
    expect(textOf(html('[](http://example.com)'))).toBe('http://example.com');
    const link = linkOf('[](https://example.com/file&reg=x "T")');
    expect([attr(link, 'href'), attr(link, 'title'), textOf(html('[](https://example.com/file&reg=x "T")'))])
      .toEqual(['https://example.com/file&reg=x', 'T', 'https://example.com/file&reg=x']);
  });

  it('leaves links with a label alone and points a harmful empty link at #harmful-link', () => {
    expect(textOf(html('[label](http://example.com)'))).toBe('label');
    expect(attr(linkOf('[](javascript:alert(1))'), 'href')).toBe('#harmful-link');
  });
});
