import { checkRenderBudget, PageTooComplexError, RENDER_LIMITS, type RenderLimit } from '../../../../shared/core/render/renderBudget';
import { renderPage } from '../../../../shared/core/render/renderPage';

const table = (rows: number, cols: number) => {
  const row = `|${' x |'.repeat(cols)}\n`;
  return `${row}|${' --- |'.repeat(cols)}\n${row.repeat(rows)}`;
};
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');

const limitOf = (markdown: string): RenderLimit | undefined => {
  try {
    checkRenderBudget(markdown);
    return undefined;
  } catch (error) {
    if (error instanceof PageTooComplexError) return error.limit;
    throw error;
  }
};

describe('checkRenderBudget', () => {
  // The hostile pages of issue 11 and their relatives: each names the limit it hits.
  it.each<[string, string, RenderLimit]>([
    ["'::: info' × 3000", '::: info\n'.repeat(3000), 'blockNesting'],
    ["'::: warning' × 9 inside a quote", '> ::: warning\n'.repeat(9), 'blockNesting'],
    ["'>' × 30000", '>'.repeat(30000), 'nesting'],
    ["'> ' × 40 (spaced)", '> '.repeat(40), 'nesting'],
    ["'>!' spoilers × 40", '>!'.repeat(40), 'nesting'],
    ["'>|' folds × 40", '>|'.repeat(40), 'nesting'],
    ['a list nested 40 deep', nestedList(40), 'nesting'],
    ['a numbered list nested 40 deep', Array.from({ length: 40 }, (_, i) => `${'   '.repeat(i)}1. x`).join('\n'), 'nesting'],
    ['quotes and lists mixed 40 deep', '> - '.repeat(20) + 'x', 'nesting'],
    ['a 300 × 100 table', table(300, 100), 'tableCells'],
    ['a 3000-column table', table(3, 3000), 'tableColumns'],
    ['a 2-column table with 3000-cell body rows', `| a | b |\n|---|---|\n${'|x'.repeat(3000)}\n`, 'tableColumns'],
    ['many small tables', `${table(3, 10)}\n`.repeat(300), 'tableCells'],
    ["'*a' × 30000", '*a'.repeat(30000), 'inlineMarkers'],
    ["'_a' over lines of one paragraph", '_a_b_\n'.repeat(1000), 'inlineMarkers'],
    ["'[' × 30000", '['.repeat(30000), 'inlineMarkers'],
    ["'[[' × 30000 (wikilink openers)", '[['.repeat(30000), 'inlineMarkers'],
    ["'[^a]' footnote references × 20000", '[^a]'.repeat(20000), 'inlineMarkers'],
    ['links [a](b) × 20000', '[a](b) '.repeat(20000), 'inlineMarkers'],
    ['links [a](b) in paragraphs of 100, 20000 markers in all', '[a](b) '.repeat(100).concat('\n\n').repeat(101), 'pageMarkers'],
    ['2001 list items', '- a\n'.repeat(2001), 'containers'],
    ['2001 one-item lists', '- a\n\n'.repeat(2001), 'containers'],
    ['2001 quotes', '> a\n\n'.repeat(2001), 'containers'],
    ['2001 spoilers', '>! a\n\n'.repeat(2001), 'containers'],
    ['2001 ::: blocks', '::: info\nx\n:::\n'.repeat(2001), 'containers'],
    ['items nested in quotes', '> - a\n> - b\n\n'.repeat(667), 'containers'],
  ])('refuses %s (limit: %#)', (_name, markdown, limit) => {
    expect(limitOf(markdown)).toBe(limit);
  });

  it('names the limit, the maximum, the value and the line in the error', () => {
    expect(() => checkRenderBudget('text\n\n' + '::: info\n'.repeat(20))).toThrow(
      expect.objectContaining({ code: 'page_too_complex', details: { limit: 'blockNesting', max: RENDER_LIMITS.blockNesting, value: 5, line: 7 } }),
    );
  });

  it.each<[string, string]>([
    ['ordinary prose', 'Some *emphasis*, **strong**, a [link](x) and [[Wiki Link]].\n\n'.repeat(1500)],
    ['a 1000-row, 5-column table (5000 cells)', table(1000, 5)],
    ['two tables at the cell limit together', table(RENDER_LIMITS.tableCells / 20 - 1, 10)],
    ['a list nested 8 deep, 200 times', `${nestedList(8)}\n\n`.repeat(200)],
    ['1500 list items and 400 quotes', '- item\n'.repeat(1500) + '\n' + '> quote\n\n'.repeat(400)],
    ['a YAML list in a fence', '```yaml\n' + '- item: 1\n'.repeat(5000) + '```\n'],
    ['::: blocks one after another', '::: info\ntext\n:::\n\n'.repeat(1500)],
    ['::: blocks nested to the limit and closed', '::: info\n'.repeat(RENDER_LIMITS.blockNesting) + 'x\n' + ':::\n'.repeat(RENDER_LIMITS.blockNesting)],
    ['deeply indented code in a fence', '```python\n' + Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 4)}x = [*a, b[0]]`).join('\n') + '\n```\n'],
    ['many markers spread over paragraphs', '*a* _b_ [c]\n\n'.repeat(3000)],
    ['a table whose rows each hold many links', `| a | b |\n|---|---|\n${'| [x](y) [z](w) | **b** |\n'.repeat(2000)}`],
    ['whitespace-only lines and deeply indented code', `text\n${' '.repeat(200)}\n\n${'    '.repeat(30)}x = 1\n`.repeat(50)],
    ['thematic breaks and setext headings', 'Title\n---\n\n* * *\n\n- - -\n'.repeat(1000)],
  ])('accepts %s', (_name, markdown) => {
    expect(limitOf(markdown)).toBeUndefined();
  });

  it('runs before rendering: renderPage refuses the same pages', () => {
    expect(() => renderPage('::: info\n'.repeat(3000), { basePath: '/a/b' })).toThrow(PageTooComplexError);
    expect(() => renderPage(table(3, 3000), { basePath: '/a/b' })).toThrow(PageTooComplexError);
  });
});
