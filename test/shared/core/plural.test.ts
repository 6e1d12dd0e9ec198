import { plural } from '../../../shared/core/plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect([0, 1, 2].map((n) => plural(n, 'wiki'))).toEqual(['0 wikis', '1 wiki', '2 wikis']);
    expect(plural(1, 'page')).toBe('1 page');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
