import { scopeRootLinks } from '../../../../shared/core/render/rootLinks';
import { attr, BASE, elementsOf, html } from './renderHelpers';

describe('scopeRootLinks', () => {
  it('scopes root-relative URLs in raw HTML however the attributes are written', () => {
    const out = html([
      '<a title="t" href="/Page">a</a> <a href=\'/Page\'>b</a> <img alt="x" src="/i.png">',
      '',
      '<video controls><source src="/v.mp4" type="video/mp4"></video>',
    ].join('\n'));
    const urls = elementsOf(out).map((e) => attr(e, 'href') ?? attr(e, 'src')).filter(Boolean);
    expect(urls).toEqual([`${BASE}/Page`, `${BASE}/Page`, `${BASE}/i.png`, `${BASE}/v.mp4`]);
  });

  it('scopes markdown links and images once, and leaves protocol-relative and absolute URLs', () => {
    const out = html('[a](/A) ![i](/i.png) [p](//cdn.example/x) [h](https://example.com/y) <a href="/B">b</a>');
    expect(elementsOf(out).filter((e) => e.tagName !== 'p').map((e) => attr(e, 'href') ?? attr(e, 'src'))).toEqual(
      [`${BASE}/A`, `${BASE}/i.png`, '//cdn.example/x', 'https://example.com/y', `${BASE}/B`]);
  });

  it('does not touch text or attribute values that only look like URL attributes', () => {
    expect(html('set href=/foo here')).toBe('<p>set href=/foo here</p>');
    const img = elementsOf(html('![see href=/y](/i.png)')).find((e) => e.tagName === 'img');
    expect(attr(img!, 'alt')).toBe('see href=/y');
  });

  it('scopes each candidate of a srcset', () => {
    expect(scopeRootLinks('<img srcset="/a.png 1x, /b.png 2x, //c.png 3x">', '/u/w'))
      .toBe('<img srcset="/u/w/a.png 1x, /u/w/b.png 2x, //c.png 3x">');
  });
});
