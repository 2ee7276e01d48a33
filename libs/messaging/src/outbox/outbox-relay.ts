import type { Producer } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { type Backoff, backoffDelay, errorMessage } from '@sanshe/common';
import { qualifiedTable } from '@sanshe/persistence';
import { DEFAULT_LANES, lockClassOf } from './lanes';
import { publishTraced, tracedColumns } from './outbox-tracing';
import { type OutboxRow, RefusedTopics, sendPerTopic, type TopicSend } from './topic-sends';

export interface OutboxRelayOptions {
  schema: string;
  lanes?: number;
  /** How many lanes one relay claims per round, so that several relays share the work. */
  lanesPerClaim?: number;
  batchSize?: number;
  /** How long to wait before looking again when the outbox had nothing (or less than a batch). */
  idleDelayMs?: number;
  /** Sent rows older than this are deleted. */
  retentionMs?: number;
  pruneIntervalMs?: number;
  /** How many rows one prune statement deletes at most (each statement is a transaction of its own). */
  pruneBatchSize?: number;
  /**
   * How long a round waits for Kafka's acknowledgement (30 s by default). Past it the round rolls back
   * (the rows stay unsent) and releases its lanes. Keep it below the connection's
   * idle_in_transaction_session_timeout: the round's transaction is idle while it waits.
   */
  sendTimeoutMs?: number;
  /** Put before each row's topic on the wire (KAFKA_TOPIC_PREFIX); the outbox keeps logical names. */
  topicPrefix?: string;
  /** Test seam: runs after Kafka acknowledged a batch and before its rows are marked sent. */
  afterPublish?: (positions: string[]) => Promise<void> | void;
  log?: (message: string) => void;
}

/** After failed rounds in a row: 200, 400, 800 … ms, at most 5 s. */
const FAILURE_BACKOFF: Backoff = { initialDelayMs: 200, maxDelayMs: 5_000 };
const DEFAULT_SEND_TIMEOUT_MS = 30_000;

/** Kafka did not acknowledge a batch in time: the round rolled back, its rows stay unsent. */
export class OutboxSendTimeoutError extends Error {
  constructor(events: number, timeoutMs: number) {
    super(
      `Kafka did not acknowledge ${events} events within sendTimeoutMs (${timeoutMs} ms); rolled back, still unsent`,
    );
    this.name = 'OutboxSendTimeoutError';
  }
}

/**
 * Publishes the outbox to Kafka in batches. Each round, in one transaction: claim some lanes with
 * advisory locks, lock their oldest unsent rows (FOR UPDATE SKIP LOCKED), send them with the
 * idempotent producer, wait for the acknowledgement, mark them sent, commit. A crash before the
 * commit leaves the rows unsent: they are sent again (at-least-once), and consumers' inboxes absorb
 * the duplicates. Each topic is sent on its own: a topic the broker refuses (no ACL, no such topic) keeps its
 * rows unsent and is tried again with a backoff of its own (refusedTopics), while the others go out.
 * Framework-free; OutboxRelayService runs it inside Nest.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly lanes: number;
  private readonly lanesPerClaim: number;
  private readonly batchSize: number;
  private readonly lockClass: number;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  private lastPrune = 0;
  /** A send that outlived its deadline and has not settled yet (kafkajs cannot cancel it). */
  private unsettledSend?: Promise<void>;
  /** When the last round finished without error; /health reads it. */
  lastSuccessAt?: Date;
  published = 0;
  /** Topics the broker refuses now: their rows wait, the round still completes (/health shows them). */
  readonly refusedTopics: RefusedTopics;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
  ) {
    this.table = qualifiedTable(options.schema, 'outbox');
    this.lanes = options.lanes ?? DEFAULT_LANES;
    this.lanesPerClaim = Math.min(options.lanesPerClaim ?? Math.ceil(this.lanes / 2), this.lanes);
    this.batchSize = options.batchSize ?? 500;
    this.lockClass = lockClassOf(options.schema);
    this.refusedTopics = new RefusedTopics(options.log);
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  /** Finishes the round in flight (its batch is sent and marked, or rolled back), then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** Runs one round; returns how many events it published. */
  async publishOnce(): Promise<number> {
    // The idempotent producer sends one request per broker at a time, so a new batch would only queue
    // behind the late one while holding lanes: claim nothing until it has settled.
    if (this.unsettledSend) throw new Error('a send past its deadline has not settled yet; no lanes claimed');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const rows = (await this.claim(runner)).filter((row) => !this.refusedTopics.waiting(row.topic));
      let sent: string[] = [];
      if (rows.length > 0) {
        const sends = await publishTraced(rows, () => this.send(rows));
        this.refusedTopics.record(sends);
        sent = sends.filter((s) => s.refusal === undefined).flatMap((s) => s.positions);
      }
      if (sent.length > 0) {
        await this.options.afterPublish?.(sent);
        await runner.query(`UPDATE ${this.table} SET sent_at = now() WHERE position = ANY($1::bigint[])`, [sent]);
      }
      await runner.commitTransaction();
      this.published += sent.length;
      this.lastSuccessAt = new Date();
      return sent.length;
    } catch (err) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * Deletes sent rows past the retention; returns how many. In batches, each statement a transaction
   * of its own, so pruning a large backlog never keeps many rows locked or a transaction open for
   * long. The cut-off is fixed at the start, so rows sent meanwhile cannot keep the loop going.
   */
  async prune(): Promise<number> {
    const retentionSeconds = (this.options.retentionMs ?? 24 * 3600_000) / 1000;
    const batchSize = this.options.pruneBatchSize ?? 5_000;
    const [{ cutoff }] = (await this.dataSource.query(
      `SELECT (now() - make_interval(secs => $1))::text AS cutoff`, // text keeps the microseconds
      [retentionSeconds],
    )) as { cutoff: string }[];
    let pruned = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM ${this.table} WHERE position IN
           (SELECT position FROM ${this.table} WHERE sent_at < $1::timestamptz LIMIT $2)`,
        [cutoff, batchSize],
      )) as [unknown, number];
      pruned += count;
      if (count < batchSize || this.stopping) return pruned;
    }
  }

  /**
   * Claims up to lanesPerClaim lanes (advisory locks held until the round's transaction ends), then
   * locks their oldest unsent rows. Sent rows leave dead entries in the unsent-rows index until
   * vacuum; a bitmap scan, which the planner prefers for a small backlog, visits all of them every
   * round (a burst of 20k events made each round read ~1,700 heap pages), while a plain index scan
   * marks them dead on its first pass and skips them after. So the claim turns bitmap scans off for
   * the rest of the round's transaction (no extra round trip).
   */
  private async claim(runner: QueryRunner): Promise<OutboxRow[]> {
    // Start at a random lane so that relays running together end up holding different lanes.
    const offset = Math.floor(Math.random() * this.lanes);
    const lanes = (await runner.query(
      `SELECT lane, set_config('enable_bitmapscan', 'off', true) AS hint
       FROM (SELECT (g + $1) % $2 AS lane FROM generate_series(0, $2 - 1) AS g) AS l
       WHERE pg_try_advisory_xact_lock($3, lane) LIMIT $4`,
      [offset, this.lanes, this.lockClass, this.lanesPerClaim],
    )) as { lane: number }[];
    if (lanes.length === 0) return [];
    return (await runner.query(
      `SELECT position, topic, partition_key, payload${tracedColumns()} FROM ${this.table}
       WHERE sent_at IS NULL AND lane = ANY($1::smallint[])
       ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [lanes.map((l) => l.lane), this.batchSize],
    )) as OutboxRow[];
  }

  private send(rows: OutboxRow[]): Promise<TopicSend[]> {
    return this.withinDeadline(sendPerTopic(this.producer, rows, this.options.topicPrefix), rows.length);
  }

  /**
   * Waits for `sending` at most sendTimeoutMs, so a broker that never answers cannot keep the round's
   * transaction and lane locks. If the abandoned send is acknowledged later, its rows are marked sent
   * then (unless another relay sent them meanwhile), so this relay does not send them a second time;
   * until it settles this relay claims nothing (publishOnce), which keeps each key's order.
   */
  private async withinDeadline(sending: Promise<TopicSend[]>, events: number): Promise<TopicSend[]> {
    const timeoutMs = this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    try {
      const outcome = await Promise.race([sending, deadline]);
      if (outcome !== 'late') return outcome;
    } finally {
      clearTimeout(timer);
    }
    const settled = sending.then(
      (sends) => this.markSentLate(sends.filter((s) => s.refusal === undefined).flatMap((s) => s.positions)),
      () => undefined, // not acknowledged: the rows stay unsent and go out in a later round
    );
    this.unsettledSend = settled.finally(() => (this.unsettledSend = undefined));
    throw new OutboxSendTimeoutError(events, timeoutMs);
  }

  /** Records rows of an abandoned send that Kafka acknowledged after all; a failure only means a re-send. */
  private async markSentLate(positions: string[]): Promise<void> {
    try {
      const [, marked] = (await this.dataSource.query(
        `UPDATE ${this.table} SET sent_at = now() WHERE position = ANY($1::bigint[]) AND sent_at IS NULL`,
        [positions],
      )) as [unknown, number];
      this.published += marked;
      this.options.log?.(`outbox relay: Kafka acknowledged ${positions.length} events late; ${marked} marked sent`);
    } catch (err) {
      this.options.log?.(
        `outbox relay: could not mark a late-acknowledged send (it will be re-sent): ${errorMessage(err)}`,
      );
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.publishOnce();
        failures = 0;
        await this.pruneIfDue();
      } catch (err) {
        failures++;
        this.options.log?.(`outbox relay round failed (${failures} in a row): ${errorMessage(err)}`);
      }
      if (published < this.batchSize) {
        const delay = failures ? backoffDelay(FAILURE_BACKOFF, failures) : (this.options.idleDelayMs ?? 20);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async pruneIfDue(): Promise<void> {
    const interval = this.options.pruneIntervalMs ?? 60_000;
    if (Date.now() - this.lastPrune < interval) return;
    this.lastPrune = Date.now();
    const pruned = await this.prune();
    if (pruned) this.options.log?.(`outbox: pruned ${pruned} sent events`);
  }
}
