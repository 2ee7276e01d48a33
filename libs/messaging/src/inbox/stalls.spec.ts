import type { IncomingMessage } from './incoming-message';
import { DEFAULT_RETRY_POLICY, PartitionStalls, retryPolicyOf } from './stalls';

const at = (offset: string, partition = 0): IncomingMessage => ({
  topic: 't',
  partition,
  offset,
  timestamp: '0',
  key: null,
  value: null,
});

describe('retryPolicyOf', () => {
  it('fills in the defaults: hours before a dead letter, not seconds', () => {
    expect(retryPolicyOf({})).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY.deadLetterAfterMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(retryPolicyOf({ deadLetterAfterMs: 2_000 })).toEqual({ ...DEFAULT_RETRY_POLICY, deadLetterAfterMs: 2_000 });
  });

  it('refuses values that are negative, not numbers, or a cap below the first delay', () => {
    expect(() => retryPolicyOf({ retryDelayMs: -1 })).toThrow('retryDelayMs must be a number ≥ 0');
    expect(() => retryPolicyOf({ deadLetterAfterMs: Number.NaN })).toThrow('deadLetterAfterMs');
    expect(() => retryPolicyOf({ retryDelayMs: 500, retryMaxDelayMs: 100 })).toThrow('below retryDelayMs');
  });
});

describe('PartitionStalls', () => {
  it('holds one stall per partition from the first failure, with capped exponential waits, logged at each end only', () => {
    const logged: string[] = [];
    const stalls = new PartitionStalls(retryPolicyOf({ retryDelayMs: 100, retryMaxDelayMs: 1_000 }), (m) =>
      logged.push(m),
    );
    const first = stalls.failed(at('5'), new Error('connect ECONNREFUSED'), 1);
    const waits = [stalls.retryDelay(first)];
    for (let n = 2; n <= 5; n++) waits.push(stalls.retryDelay(stalls.failed(at('5'), new Error('again'), 1)));
    expect(waits).toEqual([100, 200, 400, 800, 1_000]);
    expect(stalls.list()).toEqual([
      { topic: 't', partition: 0, offset: '5', since: first.since, attempts: 5, lastError: 'Error: again' },
    ]);
    expect(stalls.at(at('6'))).toBeUndefined();
    expect(stalls.expired(first)).toBe(false);

    stalls.settled(at('4'), 'processed'); // an earlier offset: the stall holds
    expect(stalls.list()).toHaveLength(1);
    stalls.settled(at('5'), 'processed');
    expect(stalls.list()).toEqual([]);
    expect(logged).toEqual([
      expect.stringMatching(/^t\/0@5 stalled: Error: connect ECONNREFUSED/),
      expect.stringMatching(/^t\/0@5 recovered: processed after 5 failed tries/),
    ]);
  });

  it('expires a stall at the deadline, and forgets one its partition has moved past', () => {
    const stalls = new PartitionStalls(retryPolicyOf({ deadLetterAfterMs: 0 }));
    expect(stalls.expired(stalls.failed(at('1', 2), new Error('down'), 1))).toBe(true);
    stalls.settled(at('9', 2), 'processed');
    expect(stalls.list()).toEqual([]);
  });

  it('drops the stalls of partitions a rebalance gave to another consumer', () => {
    const stalls = new PartitionStalls(retryPolicyOf({}));
    for (const partition of [0, 1]) stalls.failed(at('3', partition), new Error('down'), 1);
    stalls.keepOnly((topic, partition) => topic === 't' && partition === 1);
    expect(stalls.list().map((s) => s.partition)).toEqual([1]);
  });
});
