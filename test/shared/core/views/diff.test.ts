import { parseFragment } from 'parse5';
import { htmlToText } from '../../../../shared/core/html';
import { diffLines, markWords, renderLineDiff, splitLines } from '../../../../shared/core/views/diff';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n';

describe('diffLines', () => {
  it('splits text into lines without the empty one after a final newline', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\r\nb')).toEqual(['a', 'b']);
    expect(splitLines('\n')).toEqual(['']);
  });

  it('counts added and removed lines and numbers both sides', () => {
    const diff = diffLines('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect([diff.added, diff.removed, diff.approximate]).toEqual([2, 1, false]);
    const change = diff.blocks.find((b) => b.type === 'change');
    expect(change).toMatchObject({ del: [{ no: 2 }], add: [{ no: 2 }] });
    const last = diff.blocks[diff.blocks.length - 1]!;
    expect(last).toMatchObject({ type: 'change', del: [], add: [{ no: 4, html: 'd' }] });
  });

  it('marks the changed words of paired lines', () => {
    expect(markWords('One two three.', 'One TWO three four.')).toEqual({
      old: 'One <del>two</del> three.',
      new: 'One <ins>TWO</ins> three<ins> four</ins>.',
    });
    // Nothing in common: no inner marks, the line colour says it.
    expect(markWords('alpha', 'omega')).toEqual({ old: 'alpha', new: 'omega' });
  });

  it('escapes every line, in both modes', () => {
    const diff = diffLines('<script>alert(1)</script>\n', '<img src=x onerror=alert(1)>\n');
    for (const mode of ['split', 'unified'] as const) {
      const html = renderLineDiff(diff, mode);
      expect(html).not.toMatch(/<script|<img/);
      expect(htmlToText(html)).toContain('<img src=x onerror=alert(1)>');
    }
  });

  it('collapses unchanged runs to three lines of context around changes', () => {
    const before = lines(40);
    const after = before.replace('line 20\n', 'line twenty\n');
    const html = renderLineDiff(diffLines(before, after), 'unified');
    expect(html).toContain('⋯ 16 unchanged lines');
    expect(html).toContain('⋯ 17 unchanged lines');
    expect(html).toContain('<td class="wb-ln">17</td>');
    expect(html).not.toContain('<td class="wb-ln">16</td>');
    expect(html).toContain('line <del>20</del>');
  });

  it('renders a side-by-side table with four columns and a unified one with three', () => {
    const diff = diffLines('a\nb\n', 'a\nc\nd\n');
    const split = renderLineDiff(diff, 'split');
    expect(split).toContain('wb-diff-split');
    expect(split).toContain('<td class="wb-ln"></td><td class="wb-diff-none"></td>');
    const unified = renderLineDiff(diff, 'unified');
    expect(unified.match(/<tr class="wb-diff-add">/g)).toHaveLength(2);
    expect(unified.match(/<tr class="wb-diff-del">/g)).toHaveLength(1);
    // Well-formed: parse5 keeps every row.
    expect(parseFragment(`<table>${unified}</table>`)).toBeDefined();
  });

  it('says so when nothing changed', () => {
    expect(renderLineDiff(diffLines('same\n', 'same\n'), 'split')).toBe('<p class="wb-diff-empty">No changes.</p>');
  });

  it('gives up on huge, wildly different texts after its time budget and shows a replacement', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join('\n');
    const diff = diffLines(a, b, { timeoutMs: 20 });
    expect(diff.approximate).toBe(true);
    expect([diff.added, diff.removed]).toEqual([6000, 6000]);
  });
});
