import { authorLabel, formatDate, formatSize, shortRevision, subjectOf, timeTag, viewHref } from '../../../../shared/core/views/format';

describe('view formatting', () => {
  it('builds view URLs with encoded page segments and query values', () => {
    expect(viewHref('/u/w', 'history', 'Docs/Getting Started')).toBe('/u/w/-/history/Docs/Getting%20Started');
    expect(viewHref('/u/w', 'diff', 'A&B', { from: 'abc', to: undefined, mode: 'unified' })).toBe('/u/w/-/diff/A%26B?from=abc&mode=unified');
    expect(viewHref('/u/w', 'source', 'P', { raw: true, revision: undefined })).toBe('/u/w/-/source/P?raw');
    expect(viewHref('/u/w', 'changelog')).toBe('/u/w/-/changelog');
    expect(viewHref('/u/w', 'search', undefined, { q: 'a b&c' })).toBe('/u/w/-/search?q=a%20b%26c');
  });

  it('formats dates in UTC, sizes, revisions and subjects', () => {
    expect(formatDate('2026-01-02T03:04:05Z')).toBe('2026-01-02 03:04');
    expect(formatDate('not a date')).toBe('not a date');
    expect(timeTag('2026-01-02T03:04:05Z')).toBe('<time datetime="2026-01-02T03:04:05Z">2026-01-02 03:04 UTC</time>');
    expect([formatSize(12), formatSize(2048), formatSize(50 * 1024), formatSize(3 * 1024 * 1024)]).toEqual(['12 B', '2.0 KB', '50 KB', '3.0 MB']);
    expect(shortRevision('0123456789abcdef')).toBe('0123456');
    expect(subjectOf('First line\n\nBody')).toBe('First line');
  });

  it('escapes authors', () => {
    expect(authorLabel({ name: '<b>x</b>', email: '"@e' })).toBe('<span class="wb-author" title="&quot;@e">&lt;b&gt;x&lt;/b&gt;</span>');
  });
});
