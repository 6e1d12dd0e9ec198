import { parseSessionKeys } from '../../../shared/auth/sessionKeys';

describe('parseSessionKeys', () => {
  it('parses several kid=secret pairs in order', () => {
    const keys = parseSessionKeys(`new=${'n'.repeat(32)}, old=${'o'.repeat(40)}`);
    expect(keys.map((k) => k.kid)).toEqual(['new', 'old']);
    expect(new TextDecoder().decode(keys[1]!.secret)).toBe('o'.repeat(40));
  });

  it.each(['', 'nokid', `=${'x'.repeat(32)}`, 'k=short'])('rejects %j', (value) => {
    expect(() => parseSessionKeys(value)).toThrow(/session key/i);
  });
});
