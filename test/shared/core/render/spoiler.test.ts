import { html } from './renderHelpers';

describe('spoiler', () => {
  it('hides >! lines behind a reveal button', () => {
    const out = html('>! Spoiler blocks reveal their\n>! content on click.');
    expect(out).toContain('<button type="button" class="wb-spoiler-toggle" aria-expanded="false">Show spoiler</button>');
    expect(out).toContain('<div class="wb-spoiler-content">\n<p>Spoiler blocks reveal their\ncontent on click.</p></div></div>');
  });

  it('parses markdown inside, ends at the first line without >!, and works after a list', () => {
    const out = html('>! - a\n>! - **b**\n\nafter');
    expect(out).toContain('<li><strong>b</strong></li>');
    expect(out).toMatch(/<p>after<\/p>$/);
    expect(html('1. Test\n2. Test\n\n>! Spoiler content')).toContain('wb-spoiler');
  });

  it('needs the marker on every line: an unmarked line is not pulled in lazily', () => {
    expect(html('>! secret\nvisible?')).toMatch(/<p>secret<\/p><\/div><\/div>\n<p>visible\?<\/p>$/);
    // Inside a spoiler a block quote still takes lazy lines, as CommonMark says.
    expect(html('>! > q\n>! lazy\nz')).toMatch(/<p>q\nlazy<\/p>\n<\/blockquote><\/div><\/div>\n<p>z<\/p>$/);
    expect(html('> quote\nlazy')).toBe('<blockquote>\n<p>quote\nlazy</p>\n</blockquote>');
  });
});
