import { html } from './renderHelpers';

describe('gfm', () => {
  it('renders a table only with a valid delimiter row (Otter Wiki is as strict)', () => {
    expect(html('| a | b |\n| c | d |')).not.toContain('<table>');
    expect(html('| a | b |\n|---|:-:|\n| 1 | 2 |')).toContain('<th align="center">b</th>');
    expect(html('a|b\n-|-\n1|2')).toContain('<td>1</td>');
  });

  it('allows wikilinks, with their bar, inside table cells', () => {
    const out = html('| link |\n|---|\n| [[Title|Page]] and `[[a|b]]` |');
    expect(out).toContain('<td><a href="/alice/notes/Page" class="wikilink">Title</a> and <code>[[a|b]]</code></td>');
  });

  it('strikes through ~~two tildes~~ only', () => {
    expect(html('~~a~~ ~b~')).toBe('<p><del>a</del> ~b~</p>');
  });

  it('renders task lists, footnotes and autolinks', () => {
    const out = html('- [x] done\n\nA note[^n] at https://example.com\n\n[^n]: The note.');
    expect(out).toContain('<input type="checkbox" disabled="" checked="" />');
    expect(out).toContain('href="#user-content-fn-n"');
    expect(out).toContain('<a href="https://example.com">https://example.com</a>');
  });
});
