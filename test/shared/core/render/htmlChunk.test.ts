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

  it('allows an allowed table opened in one chunk: the parser moves the sentinel before it', () => {
    expect(isAllowedHtml('<table>', DEFAULT_HTML_ALLOWLIST)).toBe(true);
    expect(isAllowedHtml('<table><tr><td onclick="x()">', DEFAULT_HTML_ALLOWLIST)).toBe(false);
    expect(isAllowedHtml('<table title="x', DEFAULT_HTML_ALLOWLIST)).toBe(false);
  });

  it('refuses html, head and body tags, whose attributes a browser moves onto the page', () => {
    for (const chunk of ['<body onbeforeprint="alert(7)">', '<html onload=x>', '</body>', '<HEAD>']) {
      expect(isAllowedHtml(chunk, DEFAULT_HTML_ALLOWLIST)).toBe(false);
    }
    expect(isAllowedHtml('<bodyguard>', htmlAllowlist('bodyguard'))).toBe(true);
  });
});

describe('isSafeCss: nothing that fetches from elsewhere (issue 11)', () => {
  it.each([
    'background:url(https://evil.example/t.png)', 'background:u\\72l(https://evil.example)', 'background:\\75 rl(https://evil.example)',
    'background:\\000075\\000072\\00006c(https://evil.example)', 'background:U\\52L(https://evil.example)', 'background:u\\rl(https://e.x)',
    'background:u/**/rl(https://evil.example)', 'background:url(//evil.example/x)', 'background:url(/\\2f evil.example)',
    "background:url('//evil.example')", 'background:url( "https://evil.example" )', 'background:url(\\2f\\2f evil.example)',
    'background:url(/\\/evil.example)', 'background:url(https:evil.example)', 'background:url(javascript:alert(1))',
    'background-image:image-set("https://evil.example/a.png" 1x)', 'background:-webkit-image-set(url(/a.png) 1x)',
    'list-style:url(https://evil.example/l.png)', 'list-style-image:url(https://evil.example)', 'content:url(https://evil.example)',
    'cursor:url(https://evil.example/c.cur),auto', 'mask:url(https://evil.example/m.svg)', 'border-image:url(https://evil.example) 30',
    'background:cross-fade(url(/a.png), red 50%)', 'background:image(red)', 'background:element(#x)', 'background:paint(x)',
    'width:attr(data-w px)', 'src:src("https://evil.example")', '@import "https://evil.example/s.css"', '@\\69mport url(x)',
    'position:fixed;inset:0', 'position : FIXED', 'position:\\66ixed', 'position:sticky;top:0', 'position:fix/**/ed',
    'width:expression(alert(1))', 'behavior:url(x.htc)', '-moz-binding:url(x)',
  ])('refuses %j', (css) => expect(isSafeCss(css)).toBe(false));

  it.each([
    'color:red', 'background:url(/alice/notes/logo.png)', 'background:url(pic.png) no-repeat', "background:url('img/a.png')",
    'position:relative;top:2px', 'font-family:"Helvetica Neue", sans-serif', 'border:1px solid #ccc; border-radius:4px',
  ])('keeps %j', (css) => expect(isSafeCss(css)).toBe(true));
});
