import { htmlAllowlist, DEFAULT_HTML_ALLOWLIST } from '../../../../shared/core/render/htmlAllowlist';
import { isAllowedHtml, isSafeCss } from '../../../../shared/core/render/htmlChunk';

const ok = (chunk: string) => isAllowedHtml(chunk, DEFAULT_HTML_ALLOWLIST);

describe('isAllowedHtml', () => {
  it('allows chunks made of allowed tags and attributes', () => {
    expect(ok('<p class="x">a <b>b</b></p>')).toBe(true);
    expect(ok('<video controls width="80%">')).toBe(true);
    expect(ok('</div>')).toBe(true);
    expect(ok('<!-- a comment -->')).toBe(true);
  });

  it('refuses a disallowed tag, attribute or protocol anywhere in the chunk', () => {
    expect(ok('<div><img src="x" onerror="alert(1)"></div>')).toBe(false);
    expect(ok('<p><script>alert(1)</script></p>')).toBe(false);
    expect(ok('<a href="jav&#x09;ascript:alert(1)">x</a>')).toBe(false);
  });

  it('refuses a chunk that ends inside a tag, an attribute or a comment', () => {
    expect(ok('<a title="x')).toBe(false);
    expect(ok('<a title="x"')).toBe(false);
    expect(ok('<!-- open')).toBe(false);
    expect(ok('<wb-end-of-chunk></wb-end-of-chunk><a title="x')).toBe(false);
  });

  it('follows a wiki\'s extended list, protocols still checked', () => {
    const list = htmlAllowlist('button[type]');
    expect(isAllowedHtml('<button type="button">b</button>', list)).toBe(true);
    expect(isAllowedHtml('<button>b</button>', DEFAULT_HTML_ALLOWLIST)).toBe(false);
  });

  it('allows an opening tag of an allowed raw-text element such as a textarea', () => {
    const list = htmlAllowlist('textarea[rows]');
    expect(isAllowedHtml('<textarea rows="3">', list)).toBe(true);
    expect(isAllowedHtml('<textarea rows="3" title="x', list)).toBe(false);
  });
});

describe('isSafeCss', () => {
  it('allows plain styles and refuses script, bindings and imports, however escaped', () => {
    expect(isSafeCss('color: red; background: url(/img.png)')).toBe(true);
    expect(isSafeCss("background: url('pic.png') no-repeat; position: relative")).toBe(true);
    for (const css of ['width:expression(alert(1))', 'x:\\65 xpression(1)', 'x:expr/**/ession(1)', 'background:url(javascript:x)',
      'behavior:url(x.htc)', '-moz-binding:url(x)', '@import "x"', 'background:url("data:text/html,x")']) {
      expect([css, isSafeCss(css)]).toEqual([css, false]);
    }
  });
});
