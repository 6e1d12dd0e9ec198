import { attachmentFolderOf, keyOfFile, parsePageName, parsePagePath } from '../../../shared/core/pagePath';
import { InvalidInputError } from '../../../shared/core/errors';

describe('parsePagePath', () => {
  it('maps a page name to its lowercase Otter Wiki file and key', () => {
    expect(parsePagePath('Docs/Getting Started')).toEqual({
      name: 'Docs/Getting Started', file: 'docs/getting started.md', key: 'docs/getting started',
    });
  });

  it('keeps the file case when RETAIN_PAGE_NAME_CASE is on, but the key stays case-folded', () => {
    expect(parsePagePath('Docs/Getting Started', { retainCase: true })).toMatchObject({
      file: 'Docs/Getting Started.md', key: 'docs/getting started',
    });
  });

  it('drops the characters Otter Wiki removes and collapses slashes', () => {
    expect(parsePagePath('//-What? Now!/v1.2#x|y$').file).toBe('what now/v12xy.md');
  });

  it('applies NFKC so compatibility forms name the same file', () => {
    expect(parsePagePath('ﬁle').file).toBe('file.md');
  });

  it.each([
    ['..', 'a "." or ".." segment'],
    ['a/../b', 'a ".." in the middle'],
    ['./a', 'a "." segment'],
    ['a\u0000b', 'NUL'],
    ['a\nb', 'a newline'],
    ['a\u007fb', 'DEL'],
    [`${'x'.repeat(256)}`, 'a segment over 255 bytes'],
    [`${'é'.repeat(128)}`, 'a segment over 255 bytes in UTF-8'],
    ['???', 'nothing usable'],
    ['', 'an empty path'],
  ])('rejects %j (%s)', (raw) => {
    expect(() => parsePagePath(raw)).toThrow(InvalidInputError);
  });

  it('accepts a segment of exactly 255 bytes', () => {
    expect(parsePagePath('x'.repeat(255)).key).toHaveLength(255);
  });
});

describe('keyOfFile', () => {
  it('gives the case-folded key of markdown files and nothing for others', () => {
    expect(keyOfFile('Docs/Intro.md')).toBe('docs/intro');
    expect(keyOfFile('docs/image.png')).toBeUndefined();
  });
});

describe('parsePageName (API input)', () => {
  it('accepts what parsePagePath accepts for ordinary names', () => {
    expect(parsePageName('Docs/Getting Started')).toEqual(parsePagePath('Docs/Getting Started'));
  });

  it.each([
    'a\\b', '\\\\server\\share', '/etc/passwd', ' /x', 'C:/Windows', 'c:x', '..', 'a/../b', 'a／..／b', 'a＼b',
    '．．/x', 'a/???/b', '!!!', 'a\u0000', '',
  ])('rejects %j', (raw) => {
    expect(() => parsePageName(raw)).toThrow(InvalidInputError);
  });
});

describe('attachmentFolderOf', () => {
  it('is the page file without .md', () => {
    expect(attachmentFolderOf('docs/getting started.md')).toBe('docs/getting started');
  });
});
