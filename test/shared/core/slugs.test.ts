import { InvalidInputError } from '../../../shared/core/errors';
import { isUserSlug, isWikiSlug, parseWikiId } from '../../../shared/core/slugs';

describe('slugs', () => {
  it('accepts lowercase handles of the allowed length', () => {
    expect(isUserSlug('alice')).toBe(true);
    expect(isUserSlug('a'.repeat(39))).toBe(true);
    expect(isWikiSlug('w'.repeat(63))).toBe(true);
  });

  it.each(['', 'Alice', '-alice', 'a'.repeat(40), 'al ice', 'al/ice', 'api', 'auth', 'mcp', 'static', '-', 'ali%2Fce'])(
    'rejects the user %j',
    (user) => {
      expect(isUserSlug(user)).toBe(false);
      expect(() => parseWikiId(user, 'wiki')).toThrow(InvalidInputError);
    },
  );

  it.each(['', 'W', 'w'.repeat(64), '../x', 'a_b'])('rejects the wiki %j', (wiki) => {
    expect(() => parseWikiId('alice', wiki)).toThrow(/Invalid wiki/);
  });

  it('rejects non-string slugs', () => {
    expect(() => parseWikiId(42, 'wiki')).toThrow(InvalidInputError);
    expect(() => parseWikiId('alice', null)).toThrow(InvalidInputError);
  });
});
