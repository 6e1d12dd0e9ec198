/**
 * Retries for the signed plain-HTTP AWS calls, as the AWS SDK's standard mode does for the
 * clients they replace: a 5xx, a throttle, or a kept-alive socket the server closed under us is
 * tried again (3 attempts, jittered exponential backoff); anything else is the caller's answer.
 */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
const THROTTLES = /ThrottlingException|ProvisionedThroughputExceeded|RequestLimitExceeded|SlowDown|TooManyRequests/;

export const MAX_ATTEMPTS = 3;

/**
 * A network error worth another attempt: a reset or timed-out socket, or an answer Node's HTTP
 * parser could not read (`HPE_*`, e.g. a kept-alive socket left with stray bytes); the socket is
 * gone either way and the next attempt opens a fresh one.
 */
export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  return TRANSIENT_CODES.has(code) || code.startsWith('HPE_');
}

/** An HTTP answer worth another attempt: a server error, or a throttle (429, or a throttling error code). */
export function isRetryableStatus(status: number, body = ''): boolean {
  return status >= 500 || status === 429 || (status === 400 && THROTTLES.test(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it settles with something `retryable` does not want again, at most
 * MAX_ATTEMPTS times; the last outcome is returned or thrown as it is.
 */
export async function withRetries<T>(attempt: () => Promise<T>, retryable: (outcome: { value?: T; error?: unknown }) => boolean, baseMs = 40): Promise<T> {
  for (let n = 1; ; n++) {
    let outcome: { value?: T; error?: unknown };
    try {
      outcome = { value: await attempt() };
    } catch (error) {
      outcome = { error };
    }
    if (n >= MAX_ATTEMPTS || !retryable(outcome)) {
      if ('error' in outcome) throw outcome.error;
      return outcome.value as T;
    }
    await sleep(baseMs * 2 ** (n - 1) * (0.5 + Math.random()));
  }
}
