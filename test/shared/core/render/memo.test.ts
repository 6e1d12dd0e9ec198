import { memoize } from '../../../../shared/core/render/memo';

describe('memoize', () => {
  it('computes a key once and evicts the least recently used beyond its capacity', () => {
    const calls: string[] = [];
    const f = memoize((key) => {
      calls.push(key);
      return key.toUpperCase();
    }, 2);
    expect([f('a'), f('b'), f('a'), f('c'), f('b'), f('a')]).toEqual(['A', 'B', 'A', 'C', 'B', 'A']);
    expect(calls).toEqual(['a', 'b', 'c', 'b', 'a']);
  });
});
