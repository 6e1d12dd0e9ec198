import { isRetryableStatus, isTransientNetworkError, MAX_ATTEMPTS, withRetries } from '../../../shared/adapters/awsRetry';

describe('awsRetry', () => {
  it('tries again after a server error or a throttle, and returns the first good answer', async () => {
    const answers = [503, 400, 200];
    const bodies = ['', 'ProvisionedThroughputExceededException', ''];
    let calls = 0;
    const status = await withRetries(async () => answers[calls++]!, ({ value }) => isRetryableStatus(value!, bodies[calls - 1]), 1);
    expect([status, calls]).toEqual([200, 3]);
  });

  it('gives up after MAX_ATTEMPTS and hands back the last outcome', async () => {
    let calls = 0;
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await expect(withRetries(async () => {
      calls++;
      throw reset;
    }, ({ error }) => isTransientNetworkError(error), 1)).rejects.toBe(reset);
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it('takes a reply the HTTP parser could not read for a lost socket', () => {
    expect(isTransientNetworkError(Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' }))).toBe(true);
  });

  it('never retries a client error or a failure that is not transient', async () => {
    expect([isRetryableStatus(403), isRetryableStatus(404), isRetryableStatus(400, 'ConditionalCheckFailedException')]).toEqual([false, false, false]);
    let calls = 0;
    await expect(withRetries(async () => {
      calls++;
      throw new Error('bad signature');
    }, ({ error }) => isTransientNetworkError(error), 1)).rejects.toThrow('bad signature');
    expect(calls).toBe(1);
  });
});
