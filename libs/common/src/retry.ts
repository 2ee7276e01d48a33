/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How a retried call waits between tries: capped exponential backoff. */
export interface Backoff {
  /** Wait before the second try, in ms. */
  initialDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Each wait is the previous one times this (2 = doubling, 1 = constant). */
  factor?: number;
  /** `linear`: the n-th wait is n × initialDelayMs instead (factor unused). Exponential by default. */
  growth?: 'exponential' | 'linear';
}

/** The wait after the `attempt`-th failed try (1-based): initial × factor^(attempt−1), or initial × attempt; capped. */
export function backoffDelay(
  { initialDelayMs, maxDelayMs, factor = 2, growth = 'exponential' }: Backoff,
  attempt: number,
): number {
  const delay = growth === 'linear' ? initialDelayMs * attempt : initialDelayMs * factor ** (attempt - 1);
  return Math.min(delay, maxDelayMs);
}

export interface RetryOptions extends Backoff {
  /** Give up after this many tries and throw the last error (no limit by default). */
  maxAttempts?: number;
  /** Checked before each retry: true stops retrying and throws the last error (e.g. on shutdown). */
  stop?: () => boolean;
  /** Called after each failed try that will be retried: for the log. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Calls `attempt` until it resolves, waiting a capped exponential backoff after each failure. It
 * throws the last error once `maxAttempts` tries failed or `stop()` says so; otherwise it keeps going.
 */
export async function retryWithBackoff<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if ((options.maxAttempts !== undefined && n >= options.maxAttempts) || options.stop?.()) throw err;
      const delayMs = backoffDelay(options, n);
      options.onRetry?.(err, n, delayMs);
      await sleep(delayMs);
    }
  }
}
