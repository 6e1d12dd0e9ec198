import { sameSitePath } from '../../../shared/http/sameSitePath';

// What a browser does with `Location: value` on https://wiki.example: the host it goes to.
const hostOf = (value: string) => new URL(value, 'https://wiki.example/some/page').host;

describe('sameSitePath', () => {
  it.each([
    ['/alice/private/Home', '/alice/private/Home'],
    ['/alice/private/-/search?q=x', '/alice/private/-/search?q=x'],
    ['/a/b/../c', '/a/c'],
    ['/alice/wiki/Getting%20Started', '/alice/wiki/Getting%20Started'],
    ['/alice/wiki/-/attachments/Page?error=too%20big', '/alice/wiki/-/attachments/Page?error=too%20big'],
    ['/a#frag', '/a'],
  ])('keeps %s as %s', (value, expected) => expect(sameSitePath(value)).toBe(expected));

  // Every spelling of "another host" an attacker may try, before and after normalisation.
  const offSite = [
    '//evil.example/x', '///evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example',
    'https://evil.example/', 'http:evil', 'HTTPS:evil.example', 'javascript:alert(1)', 'data:text/html,x',
    '/a/..//evil.example', '/a/b/../..//evil.example', '/.//evil.example', '/./..//evil.example', '/%2e//evil.example',
    '/%2E%2E//evil.example', '/a/%2e%2e//evil.example', '/..//evil.example', '/a/.%2e//evil.example',
    '/%2F%2Fevil.example', '%2F%2Fevil.example', '/%5Cevil.example', '/%252F%252Fevil.example', '/%09/evil.example',
    '/\t/evil.example', '/\n/evil.example', '/ /evil', ' //evil.example', '/\u0000//evil',
    'evil.example', '', '/x\u0000', '/%E0%A4%A', `/${'a'.repeat(3000)}`, '/a/..\\/evil.example', '/%5C%5Cevil.example',
  ];
  it.each(offSite)('refuses %j', (value) => expect(sameSitePath(value)).toBeUndefined());

  it('never returns a value a browser sends to another host (broad sweep of dot, slash and encoding mixes)', () => {
    const parts = ['/', '//', '.', '..', '%2e', '%2E%2e', '%2f', '\\', 'evil.example', 'a', '?', '#', '%5c', '/./', '/../'];
    let checked = 0;
    for (const a of parts) for (const b of parts) for (const c of parts) for (const d of parts) {
      const value = `/${a}${b}${c}${d}evil.example`;
      const out = sameSitePath(value);
      checked++;
      if (out !== undefined) {
        expect(hostOf(out)).toBe('wiki.example');
        expect(out.startsWith('//')).toBe(false);
      }
    }
    expect(checked).toBe(parts.length ** 4);
  });
});
