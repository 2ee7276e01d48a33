import type { EventHandlers } from './event-handlers';
import { deferMessage, type InboxHandoff } from './inbox-handoff';
import type { BatchOutcome } from './inbox-processor';
import type { IncomingMessage, Outcome } from './incoming-message';

/** A message waiting in its partition's queue for the inbox, and who waits for its outcome. */
export interface QueuedMessage {
  message: IncomingMessage;
  handlers: EventHandlers;
  /** Where to tell the transport that the message is deferred, if it is never started. */
  handoff?: InboxHandoff;
  resolve: (outcome: Outcome) => void;
  reject: (err: unknown) => void;
}

/**
 * One partition's messages, applied in order, one batch at a time: a batch is what was queued while
 * the previous one ran, at most `batchMaxSize` messages. After its batch, each message is reported
 * `applied` (its offset may be committed) and resolves with its outcome, in offset order. From a
 * message left for later (`retry-later`), the partition is `held` and every message is deferred
 * (MessageDeferredError) until that one is delivered again.
 */
export class PartitionQueue {
  private readonly waiting: QueuedMessage[] = [];
  private running = false;
  private scheduled = false;
  /**
   * Not applied from this offset: later messages are refused until it is redelivered. `held`: it waits
   * for a retry (they are deferred), else it failed unexpectedly (they fail too).
   */
  private failedFrom?: { offset: bigint; held: boolean };

  constructor(
    private readonly batchMaxSize: number,
    private readonly applyBatch: (batch: QueuedMessage[]) => Promise<BatchOutcome[]>,
    private readonly applied: (message: IncomingMessage) => void,
    private readonly held: (message: IncomingMessage) => void = () => undefined,
  ) {}

  /** Queues a message and returns its outcome to come; `schedule` starts the work. */
  add(entry: Omit<QueuedMessage, 'resolve' | 'reject'>): Promise<Outcome> {
    const { topic, partition, offset } = entry.message;
    if (this.failedFrom !== undefined) {
      // Never apply (and commit past) a message while an earlier one of its partition failed: wait for kafkajs to redeliver.
      if (BigInt(offset) > this.failedFrom.offset) {
        if (this.failedFrom.held) throw deferMessage(entry.handoff, `${topic}/${partition}: an earlier message waits`);
        throw new Error(`${topic}/${partition}@${offset}: refused, an earlier message failed`);
      }
      this.failedFrom = undefined;
    }
    return new Promise<Outcome>((resolve, reject) => this.waiting.push({ ...entry, resolve, reject }));
  }

  /** Starts a batch now if one is full, else after the messages handed over in this turn of the event loop. */
  schedule(): void {
    if (this.running) return; // the running loop takes the new messages next
    if (this.waiting.length >= this.batchMaxSize) void this.run();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.run();
      });
    }
  }

  /**
   * The partition went to another consumer, which may commit past the message this one waited for:
   * accept whatever is delivered if it comes back.
   */
  reassigned(): void {
    this.failedFrom = undefined;
  }

  /** Removes the messages not started yet (shutdown): the caller settles them. */
  takeWaiting(): QueuedMessage[] {
    return this.waiting.splice(0);
  }

  /** `message` waits for a retry: it and every message after it are deferred, to be delivered again. */
  private hold(message: IncomingMessage, deferred: QueuedMessage[]): void {
    this.failedFrom = { offset: BigInt(message.offset), held: true };
    this.held(message); // first: the partition is paused before the transport hears of the deferral
    const why = `${message.topic}/${message.partition}@${message.offset} waits for a retry`;
    for (const queued of deferred) queued.reject(deferMessage(queued.handoff, why));
  }

  /** Applies the queued messages batch after batch; marks and resolves each, in order, after its batch. */
  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.batchMaxSize);
        let outcomes: BatchOutcome[];
        try {
          outcomes = await this.applyBatch(batch);
        } catch (err) {
          // Unexpected (failures are retried or dead-lettered inside): commit none of these, nor anything after them.
          this.failedFrom = { offset: BigInt(batch[0]?.message.offset ?? '0'), held: false };
          for (const queued of [...batch, ...this.waiting.splice(0)]) queued.reject(err);
          continue;
        }
        const heldAt = outcomes.indexOf('retry-later');
        for (const [i, { message, resolve }] of batch.slice(0, heldAt < 0 ? undefined : heldAt).entries()) {
          this.applied(message);
          resolve(outcomes[i] as Outcome); // one outcome per message, none `retry-later` before heldAt
        }
        const first = batch[heldAt];
        if (first) this.hold(first.message, [...batch.slice(heldAt), ...this.waiting.splice(0)]);
      }
    } finally {
      this.running = false;
    }
  }
}
