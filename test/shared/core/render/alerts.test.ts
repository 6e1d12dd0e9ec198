import { ALERT_TYPES } from '../../../../shared/core/render/alerts';
import { html } from './renderHelpers';

describe('alerts', () => {
  it.each(ALERT_TYPES.map((t) => [t]))('renders > [!%s] in any case as a titled note', (type) => {
    for (const written of [type.toUpperCase(), type]) {
      const out = html(`> [!${written}]\n>text\n>text\n`).trimEnd();
      const label = type.charAt(0).toUpperCase() + type.slice(1);
      expect(out).toBe(`<div class="wb-alert wb-alert-${type}" role="note"><p class="wb-alert-title">${label}</p><p>text\ntext</p></div>`);
    }
  });

  it('parses markdown inside and keeps what follows outside', () => {
    const out = html('> [!TIP]\n> **bold** and [[Page]]\n\nafter');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toMatch(/<\/div>\n<p>after<\/p>$/);
  });

  it('works after a list, and leaves unknown types as plain quotes', () => {
    expect(html('1. a\n2. b\n\n> [!TIP]\n> Content')).toContain('wb-alert-tip');
    expect(html('> [!FOO]\n> x')).toBe('<blockquote>\n<p>[!FOO]\nx</p>\n</blockquote>');
    expect(html('> quote')).toBe('<blockquote>\n<p>quote</p>\n</blockquote>');
  });

  it('ends at the first line without >, where a block quote would continue lazily', () => {
    expect(html('> [!NOTE]\n> text\nlazy')).toMatch(/<p>text<\/p><\/div>\n<p>lazy<\/p>$/);
  });
});
