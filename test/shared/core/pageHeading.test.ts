import { pageHeading } from '../../../shared/core/pageHeading';

describe('pageHeading', () => {
  it('does not take the last frontmatter line over the closing fence for a setext heading', () => {
    expect(pageHeading('---\nsummary: Every construct\n---\n\n# Syntax\n\ntext')).toBe('Syntax');
    expect(pageHeading('---\nsummary: Every construct\n---\n\nText\n===\n')).toBe('Text');
  });

  it('falls back to the frontmatter title when the body has no heading, as the renderer does', () => {
    expect(pageHeading('---\ntitle: From Properties\ntags: [a]\n---\n\nplain text')).toBe('From Properties');
    expect(pageHeading('---\ntags: [a]\n---\nplain text')).toBeUndefined();
    expect(pageHeading('---\n---\nplain text')).toBeUndefined();
  });

  it('reads pages without frontmatter as before, a thematic break included', () => {
    expect(pageHeading('# Plain\n\ntext')).toBe('Plain');
    expect(pageHeading('Setext\n---\n')).toBe('Setext');
    expect(pageHeading('---\n\n# After a rule')).toBe('After a rule');
  });
});
