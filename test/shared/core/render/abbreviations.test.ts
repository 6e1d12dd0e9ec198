import { applyAbbreviations } from '../../../../shared/core/render/abbreviations';
import { html } from './renderHelpers';

describe('abbreviations', () => {
  it('explains every whole-word use of a defined abbreviation, even before its definition', () => {
    const out = html('The HTML spec, not HTMLX.\n\n*[HTML]: Hyper Text Markup Language');
    expect(out).toBe('<p>The <abbr title="Hyper Text Markup Language">HTML</abbr> spec, not HTMLX.</p>\n');
  });

  it('leaves code, links\' URLs and attributes alone', () => {
    const out = html('`HTML` [HTML](/HTML) ![HTML](x.png)\n\n*[HTML]: Markup');
    expect(out).toContain('<code>HTML</code>');
    expect(out).toContain('<a href="/alice/notes/HTML"><abbr title="Markup">HTML</abbr></a>');
    expect(out).toContain('alt="HTML"');
  });

  it('escapes titles and skips math', () => {
    expect(applyAbbreviations('<p>A</p><span class="katex">A</span>', new Map([['A', '"<b>"']])))
      .toBe('<p><abbr title="&quot;&lt;b&gt;&quot;">A</abbr></p><span class="katex">A</span>');
  });

  it('needs a definition on a line of its own', () => {
    expect(html('*[not a definition]')).toContain('*[not a definition]');
  });
});
