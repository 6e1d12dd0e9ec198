import { requiredLiterals } from '../../../../shared/core/search/regexLiterals';

describe('requiredLiterals', () => {
  it.each([
    ['foo', false, ['foo']],
    ['foo\\w+bar', false, ['foo', 'bar']],
    ['colou?r', false, ['colo']],
    ['ab+cd', false, ['ab', 'cd']],
    ['x{2}yz', false, ['yz']],
    ['ab{0,3}cd', false, ['cd']],
    ['^## (Intro|Outro)', false, ['## ']],
    ['a\\.b\\.c', false, ['a.b.c']],
    ['[abc]def[gh]', false, ['def']],
    ['Hello World', true, ['hello world']],
    ['Stas', true, ['ta']],
    ['Ünïcode', true, ['code']],
  ])('%s (case-insensitive %s) → %j', (pattern, ci, expected) => {
    expect(requiredLiterals(pattern, ci)).toEqual(expected);
  });

  it.each(['foo|bar', '(?i)foo', 'a(b|c', '\\Qfoo\\E', '*x', 'a[bc'])('knows nothing sure about %s', (pattern) => {
    expect(requiredLiterals(pattern, false)).toEqual([]);
  });

  it('never returns a literal a match may lack (checked against RE2 on samples)', async () => {
    const { RE2JS } = await import('re2js');
    const samples = ['foo bar', 'colour', 'color', 'abbbcd', 'xxyz', 'acd', '## Intro', 'a.b.c', 'adefg'];
    const patterns = ['foo\\w*', 'colou?r', 'ab+cd', 'x{2}yz', 'ab{0,3}cd', '^## (Intro|Outro)', 'a\\.b\\.c', '[abc]def[gh]'];
    for (const pattern of patterns) {
      const re = RE2JS.compile(pattern);
      for (const sample of samples) {
        if (re.test(sample)) for (const literal of requiredLiterals(pattern, false)) expect(sample).toContain(literal);
      }
    }
  });
});
