import { fancyBlockFamily } from '../../../../shared/core/render/fancyBlock';
import { html, render } from './renderHelpers';

describe('fancyBlock', () => {
  it('renders ::: family blocks with their heading as title, out of the TOC', () => {
    const page = render('::: info\n# Head of the block.\nWith _formatted_ content.\n:::');
    expect(page.html).toBe('<div class="wb-block wb-block-info" role="alert"><p class="wb-block-title">Head of the block.</p><p>With <em>formatted</em> content.</p></div>');
    expect(page.toc).toEqual([]);
  });

  it('maps Otter Wiki families and their colour names', () => {
    expect(['info', 'blue', 'warning', 'yellow', 'danger', 'red', 'success', 'green', 'none', '', 'myblock'].map(fancyBlockFamily))
      .toEqual(['info', 'info', 'warning', 'warning', 'danger', 'danger', 'success', 'success', 'plain', 'plain', 'myblock']);
  });

  it('keeps several paragraphs inside, text after it outside, and runs to the end when unclosed', () => {
    const out = html(':::info\n# An info block\n\nwith some content.\n:::\n\nand some text.');
    expect(out).toMatch(/with some content\.<\/p><\/div>\n<p>and some text\.<\/p>$/);
    expect(html('::: myblock\nno end')).toBe('<div class="wb-block wb-block-myblock" role="alert"><p>no end</p></div>');
  });

  it('closes with at least as many colons, and leaves short fences as text', () => {
    expect(html('::::: warning\nx\n::::\nstill in\n:::::')).toContain('still in</p></div>');
    expect(html(':: info')).toBe('<p>:: info</p>');
  });

  it('reduces a crafted family to a safe class', () => {
    expect(html('::: x" onmouseover="alert(1)\nbody\n:::')).toContain('class="wb-block wb-block-x-onmouseover-alert-1"');
  });
});
