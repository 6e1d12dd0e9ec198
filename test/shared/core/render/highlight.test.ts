import { highlightCode } from '../../../../shared/core/render/highlight';

describe('highlightCode', () => {
  it('highlights by language name or alias, case-insensitively', () => {
    expect(highlightCode('def f(): pass', 'python')).toContain('<span class="hljs-keyword">def</span>');
    expect(highlightCode('def f(): pass', 'PY')).toContain('hljs-keyword');
  });

  it('escapes what it does not mark up', () => {
    expect(highlightCode('x = "<b>"', 'python')).toContain('&lt;b&gt;');
  });

  it('returns undefined for a language it does not know', () => {
    expect(highlightCode('x', 'no-such-language')).toBeUndefined();
    expect(highlightCode('x', '')).toBeUndefined();
  });
});
