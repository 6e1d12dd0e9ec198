import { once } from '../../../shared/core/once';

describe('once', () => {
  it('calls load a single time when called repeatedly, before and after it settles', async () => {
    let calls = 0;
    const load = once(async () => ++calls);
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(1);
    expect([a, b, calls]).toEqual([1, 1, 1]);
  });

  it('loads again after a failed load instead of keeping the failure', async () => {
    let calls = 0;
    const load = once(async () => {
      calls++;
      if (calls === 1) throw new Error('chunk missing');
      return 'module';
    });
    await expect(load()).rejects.toThrow('chunk missing');
    expect(await load()).toBe('module');
    expect(calls).toBe(2);
  });
});
