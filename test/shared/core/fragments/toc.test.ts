import { renderToc } from '../../../../shared/core/fragments/toc';

describe('renderToc', () => {
  it('is empty for pages with fewer than two headings', () => {
    expect(renderToc([{ level: 1, text: 'Only', anchor: 'only' }])).toBe('');
  });

  it('links each heading by anchor and escapes text', () => {
    const html = renderToc([
      { level: 1, text: 'A <b>', anchor: 'a-b' },
      { level: 2, text: 'B', anchor: 'b' },
    ]);
    expect(html).toContain('<a href="#a-b">A &lt;b&gt;</a>');
    expect(html).toContain('<a href="#b">B</a>');
  });
});
