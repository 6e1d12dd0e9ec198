import { effectsOf, knownSettings, parseSettings, SETTINGS } from '../../../shared/core/settings';
import { InvalidInputError } from '../../../shared/core/errors';

describe('parseSettings', () => {
  it('stores Otter Wiki values: booleans as True/False, enums upper-cased, numbers as text', () => {
    expect(parseSettings({
      SITE_NAME: ' My Wiki ', RETAIN_PAGE_NAME_CASE: true, TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: 'False',
      SIDEBAR_MENUTREE_MODE: 'directories_grouped', SIDEBAR_MENUTREE_MAXDEPTH: 3, WIKILINK_STYLE: '',
      COMMIT_MESSAGE: 'optional', SITE_LOGO: '/static/logo.png', SITE_LANG: 'de-CH',
    })).toEqual({
      SITE_NAME: 'My Wiki', RETAIN_PAGE_NAME_CASE: 'True', TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: 'False',
      SIDEBAR_MENUTREE_MODE: 'DIRECTORIES_GROUPED', SIDEBAR_MENUTREE_MAXDEPTH: '3', WIKILINK_STYLE: '',
      COMMIT_MESSAGE: 'OPTIONAL', SITE_LOGO: '/static/logo.png', SITE_LANG: 'de-CH',
    });
  });

  it('takes SIDEBAR_CUSTOM_MENU as a list or its JSON text and stores JSON', () => {
    const menu = [{ link: '/Home', title: 'Home' }];
    expect(JSON.parse(parseSettings({ SIDEBAR_CUSTOM_MENU: menu }).SIDEBAR_CUSTOM_MENU!)).toEqual([{ link: '/Home', title: 'Home', icon: '' }]);
    expect(parseSettings({ SIDEBAR_CUSTOM_MENU: JSON.stringify(menu) }).SIDEBAR_CUSTOM_MENU).toBe('[{"link":"/Home","title":"Home","icon":""}]');
  });

  it('accepts an Otter Wiki HTML allow-list', () => {
    expect(parseSettings({ RENDERER_HTML_ALLOWLIST: 'iframe2, details[open], span[class title]' }).RENDERER_HTML_ALLOWLIST)
      .toBe('iframe2, details[open], span[class title]');
  });

  it.each([
    ['an unknown key', { SITE_NAM: 'x' }, /Unknown setting "SITE_NAM"/],
    ['a non-object', ['SITE_NAME'], /must be an object/],
    ['a number for a name', { SITE_NAME: 5 }, /SITE_NAME must be a string/],
    ['a long name', { SITE_NAME: 'x'.repeat(257) }, /at most 256/],
    ['a control character', { SITE_DESCRIPTION: 'a\u0000b' }, /control characters/],
    ['a bad mode', { SIDEBAR_MENUTREE_MODE: 'TREE' }, /SIDEBAR_MENUTREE_MODE must be one of/],
    ['a bad flag', { RETAIN_PAGE_NAME_CASE: 'yes' }, /true or false/],
    ['a negative depth', { SIDEBAR_MENUTREE_MAXDEPTH: -1 }, /whole number/],
    ['a bad wikilink style', { WIKILINK_STYLE: 'PAGENAME' }, /WIKILINK_STYLE must be one of/],
    ['a bad commit mode', { COMMIT_MESSAGE: 'SOMETIMES' }, /COMMIT_MESSAGE must be one of/],
    ['a javascript logo', { SITE_LOGO: 'javascript:alert(1)' }, /root-relative path or an http/],
    ['a protocol-relative logo', { SITE_LOGO: '//evil.example/x.png' }, /root-relative path/],
    ['a bad language', { SITE_LANG: 'english!' }, /language tag/],
    ['a home page with .md', { HOME_PAGE: 'Start.md' }, /without the .md/],
    ['a home page outside the wiki', { HOME_PAGE: '../x' }, /"\." or "\.\."/],
    ['a menu that is not a list', { SIDEBAR_CUSTOM_MENU: '{"link":1}' }, /list of at most 50/],
    ['a menu with a script link', { SIDEBAR_CUSTOM_MENU: [{ link: 'javascript:alert(1)', title: 'x' }] }, /scheme/],
    ['a menu with extra fields', { SIDEBAR_CUSTOM_MENU: [{ link: '/x', onclick: 'y' }] }, /only "link"/],
    ['a script tag allowed', { RENDERER_HTML_ALLOWLIST: 'script' }, /may not allow <script>/],
    ['an event handler allowed', { RENDERER_HTML_ALLOWLIST: 'img[src onerror]' }, /event handler/],
    ['a malformed allow-list', { RENDERER_HTML_ALLOWLIST: 'div[class' }, /is not "tag"/],
  ])('rejects %s with a clear message', (_what, input, message) => {
    expect(() => parseSettings(input)).toThrow(InvalidInputError);
    expect(() => parseSettings(input)).toThrow(message);
  });
});

describe('effectsOf', () => {
  it('maps keys to what must be republished', () => {
    expect(effectsOf(['SITE_NAME'])).toEqual({ shell: true, sidebar: false, pages: false });
    expect(effectsOf(['SIDEBAR_MENUTREE_MODE'])).toEqual({ shell: false, sidebar: true, pages: false });
    expect(effectsOf(['WIKILINK_STYLE'])).toEqual({ shell: false, sidebar: true, pages: true });
    expect(effectsOf(['COMMIT_MESSAGE', 'DEFAULT_COMMIT_MESSAGE'])).toEqual({ shell: false, sidebar: false, pages: false });
    expect(effectsOf([])).toEqual({ shell: false, sidebar: false, pages: false });
  });

  it('classifies every known key', () => {
    for (const spec of Object.values(SETTINGS)) expect(['shell', 'sidebar', 'pages', 'none']).toContain(spec.effect);
  });
});

describe('knownSettings', () => {
  it('shows only the keys this platform knows (not e.g. an imported wiki\'s mail password)', () => {
    expect(knownSettings({ SITE_NAME: 'A', MAIL_PASSWORD: 'secret' })).toEqual({ SITE_NAME: 'A' });
  });
});

describe('RENDERER_HTML_ALLOWLIST: what no wiki may allow (issue 11)', () => {
  it.each([
    'script', 'SCRIPT', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'template',
    'html', 'head', 'body', 'Body', 'title', 'noscript', 'xmp', 'plaintext', 'noembed', 'noframes', 'listing', 'portal',
    'animate', 'animateMotion', 'animatetransform', 'animateColor', 'set', 'discard', 'mpath', 'handler', 'listener', 'use',
    'foreignObject', 'annotation-xml', 'mglyph', 'malignmark', 'maction', 'svg, a[href], animate[attributename values]',
  ])('refuses the element in %j', (value) => {
    expect(() => parseSettings({ RENDERER_HTML_ALLOWLIST: value })).toThrow(/may not allow </);
  });

  it.each([
    'a[onclick]', 'svg[onload]', 'img[ONERROR]', 'p[style]', 'span[srcdoc]', 'button[formaction]', 'div[action]',
    'svg[xmlns]', 'svg[xmlns:xlink]', 'span[is]', 'div[http-equiv]', 'svg[attributename]', 'a[values]', 'a[from]', 'a[to]',
    'a[by]', 'svg[begin]', 'svg[end]', 'svg[keytimes]', 'svg[keysplines]', 'svg, circle[r onbegin]',
  ])('refuses the attribute in %j', (value) => {
    expect(() => parseSettings({ RENDERER_HTML_ALLOWLIST: value })).toThrow(/may not allow the "/);
  });

  it('still takes harmless additions, URL attributes among them (their values are checked when rendering)', () => {
    const value = 'svg, circle[cx cy r fill], rect[width height], a[href target], meter[value max], figure, figcaption';
    expect(parseSettings({ RENDERER_HTML_ALLOWLIST: value }).RENDERER_HTML_ALLOWLIST).toBe(value);
  });
});
