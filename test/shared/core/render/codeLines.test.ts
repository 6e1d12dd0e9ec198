import { numberLines, splitHighlightedLines } from '../../../../shared/core/render/codeLines';

describe('codeLines', () => {
  it('closes spans at a line end and reopens them on the next line', () => {
    expect(splitHighlightedLines('a <span class="s">"x\ny"</span> b')).toEqual([
      'a <span class="s">"x</span>',
      '<span class="s">y"</span> b',
    ]);
  });

  it('wraps every line for numbering', () => {
    expect(numberLines('a\nb')).toBe('<span class="wb-line">a</span>\n<span class="wb-line">b</span>');
  });
});
