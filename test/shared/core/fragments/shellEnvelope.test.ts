import { decodeShellFragment, encodeShellFragment, libraryScripts } from '../../../../shared/core/fragments/shellEnvelope';

describe('shellEnvelope', () => {
  it('round-trips the library table and the page, keeping the comment well-formed', () => {
    const body = encodeShellFragment({ x: '<script src="/a-->b"></script>' }, '<!DOCTYPE html>');
    expect(body.split('\n')[0]).not.toMatch(/-->.*-->/);
    expect(decodeShellFragment(body)).toEqual({ libraries: { x: '<script src="/a-->b"></script>' }, html: '<!DOCTYPE html>' });
  });

  it('reads a shell without a table as having no libraries', () => {
    expect(decodeShellFragment('<!DOCTYPE html>')).toEqual({ libraries: {}, html: '<!DOCTYPE html>' });
  });

  it('gives a page the tags of the libraries it lists, and nothing for unknown ones', () => {
    expect(libraryScripts({ a: 'A', b: 'B' }, ['b', 'zzz', 'a'])).toBe('BA');
    expect(libraryScripts({ a: 'A' }, undefined)).toBe('');
  });
});
