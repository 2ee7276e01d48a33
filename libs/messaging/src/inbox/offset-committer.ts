import type { Consumer } from 'kafkajs';

/**
 * Commits consumed offsets in batches instead of one broker round trip per message. Only offsets of
 * messages already processed (inbox transaction committed) are ever committed, so the committed
 * position never passes an unapplied event; a crash re-delivers at most the last interval's events,
 * which the inbox recognises. Partitions are consumed in order, so the latest offset per partition is
 * the one to commit.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;
  private count = 0;

  constructor(
    private readonly log: (message: string) => void,
    private readonly intervalMs = 100,
    private readonly maxPending = 500,
  ) {}

  processed(consumer: Consumer, topic: string, partition: number, offset: string): void {
    this.consumer = consumer;
    this.pending.set(`${topic}:${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    if (++this.count >= this.maxPending) void this.flush();
    // unref: a pending commit alone never keeps a process alive (shutdown flushes before disconnecting).
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs).unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.count = 0;
    if (!this.consumer || this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (err) {
      // Not fatal: those events are redelivered after a rebalance or restart and absorbed by the inbox.
      this.log(`offset commit failed, events since the last commit will be redelivered: ${String(err)}`);
      for (const o of offsets)
        if (!this.pending.has(`${o.topic}:${o.partition}`)) this.pending.set(`${o.topic}:${o.partition}`, o);
    }
  }
}
