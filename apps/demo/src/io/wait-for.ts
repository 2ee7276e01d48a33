import { sleep } from '@sanshe/common';

export class DemoTimeoutError extends Error {}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it answers something other than undefined, and returns it. Past the bound it fails
 * with `what` and `why()`: what did not happen, and what it still waits for (e.g. "decision X still open after
 * 60 s: waiting for votes of community:…"). A probe that throws fails at once: a refused call is not a wait.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  why: () => Promise<string> | string,
  { timeoutMs, intervalMs = 300 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) {
      throw new DemoTimeoutError(`${what} after ${Math.round(timeoutMs / 1000)} s: ${await why()}`);
    }
    await sleep(intervalMs);
  }
}
