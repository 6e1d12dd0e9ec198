import { rewriteBacklinks } from '../../../shared/core/backlinks';
import { parsePagePath } from '../../../shared/core/pagePath';

const rename = (from: string, to: string, extra: Partial<Parameters<typeof rewriteBacklinks>[1]> = {}) =>
  ({ from: parsePagePath(from), to, ...extra });

describe('rewriteBacklinks', () => {
  it.each([
    ['a plain wikilink', '[[Old Page]]', '[[New/Name]]'],
    ['a case-different wikilink', 'see [[old page]] here', 'see [[New/Name]] here'],
    ['a titled wikilink', '[[The old one|Old Page]]', '[[The old one|New/Name]]'],
    ['an anchor', '[[Old Page#Part Two]]', '[[New/Name#Part Two]]'],
    ['a leading slash', '[[/Old Page]]', '[[/New/Name]]'],
    ['a subpage', '[[Old Page/Child]]', '[[New/Name/Child]]'],
    ['a root-relative link', '[x](/Old%20Page)', '[x](/New/Name)'],
    ['a link with anchor and query', '[x](/Old%20Page?a=1#top)', '[x](/New/Name?a=1#top)'],
    ['a link with a title', '[x](/old%20page "Tip")', '[x](/New/Name "Tip")'],
    ['an attachment image', '![d](/Old%20Page/a/diagram.png)', '![d](/New/Name/a/diagram.png)'],
    ['an attachment without /a/', '![d](/Old%20Page/diagram.png)', '![d](/New/Name/diagram.png)'],
  ])('rewrites %s', (_what, before, after) => {
    expect(rewriteBacklinks(before, rename('Old Page', 'New/Name'))).toBe(after);
  });

  it('encodes characters a markdown link target cannot hold', () => {
    expect(rewriteBacklinks('[x](/Old)', rename('Old', 'Notes (2026)/Ünï'))).toBe('[x](/Notes%20%282026%29/%C3%9Cn%C3%AF)');
  });

  it('leaves other pages, prefixes that are not folders, code and external links alone', () => {
    const text = [
      '[[Old Pages]] [[Older]] [[Other|Old Page2]]',
      '`[[Old Page]]` and ``[[Old Page]] `x` ``',
      '```', '[[Old Page]]', '```',
      '~~~~md', '[x](/Old%20Page)', '~~~~',
      '[x](//host/Old%20Page) [x](https://e.com/Old%20Page) [x](Old%20Page)',
    ].join('\n');
    expect(rewriteBacklinks(text, rename('Old Page', 'New'))).toBe(text);
  });

  it('reads [[Page|Title]] in LINKTITLE style', () => {
    expect(rewriteBacklinks('[[Old|Shown]] [[Shown|Old]]', rename('Old', 'New', { wikilinkStyle: 'LINKTITLE' }))).toBe('[[New|Shown]] [[Shown|Old]]');
  });

  it('rewrites inside text around code spans on the same line', () => {
    expect(rewriteBacklinks('[[Old]] `[[Old]]` [[Old]]', rename('Old', 'New'))).toBe('[[New]] `[[Old]]` [[New]]');
  });

  it('returns the same string when nothing matched', () => {
    const text = 'Nothing [[Here]].';
    expect(rewriteBacklinks(text, rename('Old', 'New'))).toBe(text);
  });
});
