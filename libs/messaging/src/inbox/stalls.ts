import { backoffDelay, errorSummary } from '@sanshe/common';
import type { IncomingMessage } from './incoming-message';

/** How transient failures are retried: capped exponential backoff, and a deadline per event. */
export interface RetryPolicy {
  /** The wait before the first retry, in ms; it doubles each time (100 by default). */
  retryDelayMs?: number;
  /** No wait between retries is longer than this, in ms (30 s by default). */
  retryMaxDelayMs?: number;
  /**
   * An event still failing this long (ms) after its first failure is dead-lettered, with an alert
   * (6 h by default). Long enough to outlast an outage of PostgreSQL, Temporal or Kafka.
   */
  deadLetterAfterMs?: number;
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = {
  retryDelayMs: 100,
  retryMaxDelayMs: 30_000,
  deadLetterAfterMs: 6 * 60 * 60_000,
};

/** The policy with its defaults filled in; throws on a value that would never retry or never wait. */
export function retryPolicyOf(options: RetryPolicy): Required<RetryPolicy> {
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const name of Object.keys(policy) as (keyof RetryPolicy)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`inbox option ${name} must be a number ≥ 0, not ${value}`);
    policy[name] = value;
  }
  if (policy.retryMaxDelayMs < policy.retryDelayMs)
    throw new Error(
      `inbox option retryMaxDelayMs (${policy.retryMaxDelayMs}) is below retryDelayMs (${policy.retryDelayMs})`,
    );
  return policy;
}

/** A partition held at an event that keeps failing transiently: what /health shows. */
export interface Stall {
  topic: string;
  partition: number;
  /** The failing message's offset: nothing after it in the partition is applied before it. */
  offset: string;
  /** When it first failed. */
  since: Date;
  attempts: number;
  lastError: string;
}

/**
 * The partitions stalled at a failing event, one stall per partition. A stall starts at the event's
 * first transient failure and ends when the event is applied or dead-lettered; it is logged once at
 * each end, not per retry. The retries themselves are redeliveries (InboxService pauses the partition
 * for the backoff), so the first failure's time is kept here across them.
 */
export class PartitionStalls {
  private readonly stalls = new Map<string, Stall>();
  /** Failed tries so far by error class (`QueryFailedError`…): sanshe_inbox_retries_total. */
  readonly failuresByError = new Map<string, number>();

  constructor(
    readonly policy: Required<RetryPolicy>,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Records a failed try of `message`; returns its stall. */
  failed(message: IncomingMessage, error: unknown, tries: number): Stall {
    const { topic, partition, offset } = message;
    let stall = this.at(message);
    if (!stall) {
      stall = { topic, partition, offset, since: new Date(), attempts: 0, lastError: '' };
      this.stalls.set(keyOf(message), stall);
      this.log(
        `${where(message)} stalled: ${errorSummary(error)}; retrying with backoff, the rest of the partition waits`,
      );
    }
    stall.attempts += tries;
    stall.lastError = errorSummary(error);
    const errorClass = error instanceof Error ? error.constructor.name : typeof error;
    this.failuresByError.set(errorClass, (this.failuresByError.get(errorClass) ?? 0) + tries);
    return stall;
  }

  /** True when `stall` has lasted past the deadline: its event is to be dead-lettered. */
  expired(stall: Stall): boolean {
    return Date.now() - stall.since.getTime() >= this.policy.deadLetterAfterMs;
  }

  /** The wait before the stalled event is delivered again. */
  retryDelay(stall: Stall): number {
    return backoffDelay(
      { initialDelayMs: this.policy.retryDelayMs, maxDelayMs: this.policy.retryMaxDelayMs },
      Math.max(1, stall.attempts),
    );
  }

  /** The stall `message` is the held event of, if any. */
  at(message: IncomingMessage): Stall | undefined {
    const stall = this.stalls.get(keyOf(message));
    return stall?.offset === message.offset ? stall : undefined;
  }

  /** `message` was applied or dead-lettered: the stall it held, if any, is over. */
  settled(message: IncomingMessage, how: string): void {
    const stall = this.stalls.get(keyOf(message));
    // A later offset settled: the partition moved on without us (another consumer had it meanwhile).
    if (!stall || BigInt(message.offset) < BigInt(stall.offset)) return;
    this.stalls.delete(keyOf(message));
    if (stall.offset !== message.offset) return;
    const seconds = ((Date.now() - stall.since.getTime()) / 1000).toFixed(1);
    this.log(`${where(message)} recovered: ${how} after ${stall.attempts} failed tries over ${seconds} s`);
  }

  /** Drops the stalls of partitions this consumer no longer has (a rebalance gave them to another). */
  keepOnly(assigned: (topic: string, partition: number) => boolean): void {
    for (const [key, { topic, partition }] of this.stalls) if (!assigned(topic, partition)) this.stalls.delete(key);
  }

  list(): Stall[] {
    return [...this.stalls.values()];
  }
}

const keyOf = ({ topic, partition }: IncomingMessage) => `${topic}:${partition}`;
const where = ({ topic, partition, offset }: IncomingMessage) => `${topic}/${partition}@${offset}`;
