import { DemoTimeoutError, waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first answer that is not undefined', async () => {
    let calls = 0;
    const found = await waitFor(
      'x',
      async () => (++calls === 3 ? 'ready' : undefined),
      () => 'n/a',
      {
        timeoutMs: 5_000,
        intervalMs: 1,
      },
    );
    expect({ found, calls }).toEqual({ found: 'ready', calls: 3 });
  });

  it('past its bound names what did not happen, how long it waited and what it still waits for', async () => {
    const waited = waitFor(
      'decision d still open',
      async () => undefined,
      async () => 'waiting for votes of talent:t',
      {
        timeoutMs: 20,
        intervalMs: 5,
      },
    );
    await expect(waited).rejects.toThrow(DemoTimeoutError);
    await expect(waited).rejects.toThrow('decision d still open after 0 s: waiting for votes of talent:t');
  });

  it('fails at once when the probe throws (a refused call is not a wait)', async () => {
    const probe = jest.fn(async () => {
      throw new Error('403');
    });
    await expect(waitFor('x', probe, () => '', { timeoutMs: 5_000, intervalMs: 1 })).rejects.toThrow('403');
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
