import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import type { InboxTable } from './inbox-table';

/** How long a consumer remembers the events it applied, and how it forgets them. */
export interface InboxPruneOptions {
  /**
   * Inbox rows older than this (ms) are deleted: 14 days by default. It must outlast every way an
   * applied event can come back: the topic's retention (Kafka: 7 days) for a rewound consumer group,
   * the dead-letter deadline (6 h) and a margin (docs/operations.md, "Inbox retention").
   */
  inboxRetentionMs?: number;
  /** How often the prune runs, in ms (5 minutes by default; 0 = never). */
  inboxPruneIntervalMs?: number;
  /** At most this many rows per DELETE statement (5,000 by default). */
  inboxPruneBatchSize?: number;
}

export const DEFAULT_INBOX_PRUNE: Required<InboxPruneOptions> = {
  inboxRetentionMs: 14 * 24 * 3_600_000,
  inboxPruneIntervalMs: 5 * 60_000,
  inboxPruneBatchSize: 5_000,
};

/** The options with their defaults; throws on a value that is not a number ≥ 0 (a batch of at least 1). */
export function inboxPruneOptionsOf(options: InboxPruneOptions): Required<InboxPruneOptions> {
  const resolved = { ...DEFAULT_INBOX_PRUNE };
  for (const name of Object.keys(resolved) as (keyof InboxPruneOptions)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`inbox option ${name} must be a number ≥ 0, not ${value}`);
    resolved[name] = value;
  }
  resolved.inboxPruneBatchSize = Math.max(1, Math.floor(resolved.inboxPruneBatchSize));
  return resolved;
}

/**
 * Deletes a consumer's inbox rows past the retention, on an interval, in batches (InboxTable.pruneBatch),
 * so that no statement holds many rows or a transaction for long. Several instances of a service may
 * prune at once: each skips the rows another is deleting. The cut-off is fixed when a prune starts, so
 * rows recorded meanwhile cannot keep it going.
 */
export class InboxPruner {
  private readonly options: Required<InboxPruneOptions>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxTable,
    options: InboxPruneOptions,
    private readonly log: (message: string) => void,
  ) {
    this.options = inboxPruneOptionsOf(options);
  }

  /** Prunes every inboxPruneIntervalMs from now on (not at all when it is 0). */
  start(): void {
    const interval = this.options.inboxPruneIntervalMs;
    if (interval === 0 || this.timer || this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.prune()
        .then((pruned) => pruned > 0 && this.log(`inbox: pruned ${pruned} rows past the retention`))
        .catch((err: unknown) => this.log(`inbox prune failed, tried again in ${interval} ms: ${errorMessage(err)}`))
        .finally(() => {
          this.timer = undefined;
          this.start();
        });
    }, interval);
    this.timer.unref(); // a pending prune does not keep the process alive
  }

  /** No prune starts from now on; waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Deletes this consumer's rows older than the retention, batch by batch; returns how many. */
  async prune(): Promise<number> {
    const [{ cutoff }] = (await this.dataSource.query(
      `SELECT (now() - make_interval(secs => $1))::text AS cutoff`, // text keeps the microseconds
      [this.options.inboxRetentionMs / 1000],
    )) as { cutoff: string }[];
    const { inboxPruneBatchSize: batchSize } = this.options;
    let pruned = 0;
    for (;;) {
      const count = await this.inbox.pruneBatch(this.dataSource, cutoff, batchSize);
      pruned += count;
      if (count < batchSize || this.stopping) return pruned;
    }
  }
}
