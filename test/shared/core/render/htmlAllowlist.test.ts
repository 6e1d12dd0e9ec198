import { allowsAttribute, DEFAULT_HTML_ALLOWLIST, htmlAllowlist } from '../../../../shared/core/render/htmlAllowlist';

describe('htmlAllowlist', () => {
  it('has Otter Wiki\'s tags and attributes', () => {
    expect(DEFAULT_HTML_ALLOWLIST.tags.has('details')).toBe(true);
    expect(DEFAULT_HTML_ALLOWLIST.tags.has('iframe')).toBe(false);
    expect(allowsAttribute(DEFAULT_HTML_ALLOWLIST, 'a', 'href')).toBe(true);
    expect(allowsAttribute(DEFAULT_HTML_ALLOWLIST, 'p', 'style')).toBe(true);
    expect(allowsAttribute(DEFAULT_HTML_ALLOWLIST, 'p', 'onclick')).toBe(false);
  });

  it('extends the list with RENDERER_HTML_ALLOWLIST entries', () => {
    const list = htmlAllowlist(' meter[value  max Low], svg ,, circle[cx cy r]');
    expect(['meter', 'svg', 'circle'].every((t) => list.tags.has(t))).toBe(true);
    expect(allowsAttribute(list, 'meter', 'low')).toBe(true);
    expect(allowsAttribute(list, 'circle', 'cx')).toBe(true);
    expect(allowsAttribute(list, 'svg', 'onload')).toBe(false);
  });
});
