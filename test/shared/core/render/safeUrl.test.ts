import { isHarmfulUrl, normalizeUrlForProtocolCheck } from '../../../../shared/core/render/safeUrl';

describe('safeUrl', () => {
  it('finds dangerous protocols however they are encoded or spaced', () => {
    for (const url of ['javascript:x', ' JAVASCRIPT:x', 'jav&#x09;ascript:x', 'java\nscript:x', '&#106;avascript:x',
      'javascript&colon;x', '&amp;#106;avascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc', 'about:blank', 'java%09script:x']) {
      expect([url, isHarmfulUrl(url)]).toEqual([url, true]);
    }
  });

  it('lets ordinary URLs through', () => {
    for (const url of ['https://example.com', '/Page', '#top', 'mailto:a@b.c', 'ftp://x', 'Data%20Sheet', 'tel:+1']) {
      expect([url, isHarmfulUrl(url)]).toEqual([url, false]);
    }
  });

  it('normalizes the way a browser reads a URL', () => {
    expect(normalizeUrlForProtocolCheck(' Ja\tVa&#83;cript:')).toBe('javascript:');
  });
});
