import { backoffDelay, retryWithBackoff } from './retry';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const backoff = { initialDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(backoff, n))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('grows linearly when asked, up to the cap', () => {
    const linear = { initialDelayMs: 200, maxDelayMs: 700, growth: 'linear' as const };
    expect([1, 2, 3, 4].map((n) => backoffDelay(linear, n))).toEqual([200, 400, 600, 700]);
  });

  it('grows by the given factor (1 = constant)', () => {
    expect(backoffDelay({ initialDelayMs: 50, maxDelayMs: 500, factor: 1 }, 7)).toBe(50);
    expect(backoffDelay({ initialDelayMs: 10, maxDelayMs: 500, factor: 3 }, 3)).toBe(90);
  });
});

describe('retryWithBackoff', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 2 };

  it('returns the first success, after reporting each failure', async () => {
    const retried: number[] = [];
    const result = await retryWithBackoff(
      async (n) => {
        if (n < 3) throw new Error(`try ${n}`);
        return `ok on ${n}`;
      },
      { ...fast, onRetry: (_err, n) => retried.push(n) },
    );
    expect(result).toBe('ok on 3');
    expect(retried).toEqual([1, 2]);
  });

  it('throws the last error after maxAttempts tries', async () => {
    let tries = 0;
    await expect(
      retryWithBackoff(
        async (n) => {
          tries++;
          throw new Error(`try ${n}`);
        },
        { ...fast, maxAttempts: 4 },
      ),
    ).rejects.toThrow('try 4');
    expect(tries).toBe(4);
  });

  it('stops when told to, with the last error', async () => {
    let stopping = false;
    await expect(
      retryWithBackoff(
        async (n) => {
          if (n === 2) stopping = true;
          throw new Error(`try ${n}`);
        },
        { ...fast, stop: () => stopping },
      ),
    ).rejects.toThrow('try 2');
  });
});
