import { html } from './renderHelpers';

describe('mark', () => {
  it('highlights ==text== and nests other emphasis inside', () => {
    expect(html('a ==marked **bold**== b')).toBe('<p>a <mark>marked <strong>bold</strong></mark> b</p>');
  });

  it('needs exactly two equals signs, no space just inside, and no bare = between', () => {
    expect(html('==m=a=r=k==')).not.toContain('<mark>');
    expect(html('== spaced==')).not.toContain('<mark>');
    expect(html('===three===')).not.toContain('<mark>');
    expect(html('a == b == c')).not.toContain('<mark>');
  });

  it('leaves code and setext headings alone', () => {
    expect(html('`==x==`')).toBe('<p><code>==x==</code></p>');
    expect(html('Title\n==')).toContain('<h1');
  });
});
