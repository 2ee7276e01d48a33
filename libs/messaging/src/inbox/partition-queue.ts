import type { EventHandlers } from './event-handlers';
import type { InboxHandoff } from './inbox-handoff';
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
 * `applied` (its offset may be committed) and resolves with its outcome, in offset order.
 */
export class PartitionQueue {
  private readonly waiting: QueuedMessage[] = [];
  private running = false;
  private scheduled = false;
  /** A batch failed unexpectedly from this offset: later messages are refused until it is redelivered. */
  private failedFrom?: bigint;

  constructor(
    private readonly batchMaxSize: number,
    private readonly applyBatch: (batch: QueuedMessage[]) => Promise<Outcome[]>,
    private readonly applied: (message: IncomingMessage) => void,
  ) {}

  /** Queues a message and returns its outcome to come; `schedule` starts the work. */
  add(entry: Omit<QueuedMessage, 'resolve' | 'reject'>): Promise<Outcome> {
    const { topic, partition, offset } = entry.message;
    if (this.failedFrom !== undefined) {
      // Never apply (and commit past) a message while an earlier one of its partition failed: wait for kafkajs to redeliver.
      if (BigInt(offset) > this.failedFrom) {
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

  /** Removes the messages not started yet (shutdown): the caller settles them. */
  takeWaiting(): QueuedMessage[] {
    return this.waiting.splice(0);
  }

  /** Applies the queued messages batch after batch; marks and resolves each, in order, after its batch. */
  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.batchMaxSize);
        let outcomes: Outcome[];
        try {
          outcomes = await this.applyBatch(batch);
        } catch (err) {
          // Unexpected (failures are retried or dead-lettered inside): commit none of these, nor anything after them.
          this.failedFrom = BigInt(batch[0]?.message.offset ?? '0');
          for (const queued of [...batch, ...this.waiting.splice(0)]) queued.reject(err);
          continue;
        }
        for (const [i, { message, resolve }] of batch.entries()) {
          this.applied(message);
          resolve(outcomes[i] as Outcome); // one outcome per message
        }
      }
    } finally {
      this.running = false;
    }
  }
}
