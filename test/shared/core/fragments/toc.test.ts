import { renderToc } from '../../../../shared/core/fragments/toc';

describe('renderToc', () => {
  it('is empty for pages with fewer than two headings', () => {
    expect(renderToc([{ level: 1, text: 'Only', anchor: 'only' }])).toBe('');
  });

  it('links each heading by anchor, escapes text and indents by level', () => {
    const html = renderToc([
      { level: 1, text: 'A <b>', anchor: 'a-b' },
      { level: 2, text: 'B', anchor: 'b' },
    ]);
    expect(html).toContain('<li class="wb-toc-1"><a href="#a-b">A &lt;b&gt;</a></li>');
    expect(html).toContain('<li class="wb-toc-2"><a href="#b">B</a></li>');
    expect(html).toContain('On this page');
  });
});
