import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { errorMessage, retryWithBackoff } from '@sanshe/common';
import { HealthRegistry } from '@sanshe/nest-platform';
import { qualifiedTable } from '@sanshe/persistence';
import { KafkaConnection } from '../kafka.module';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging-options';
import { OutboxRelay } from './outbox-relay';

/** Stall threshold for /health: the relay has not finished a round in this long. */
const RELAY_STALE_MS = 30_000;

/** Runs the outbox relay for the app's lifetime and reports it on /health as "outbox". */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly producer: Producer;
  readonly relay: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    kafka: KafkaConnection,
    health: HealthRegistry,
  ) {
    this.producer = kafka.createProducer();
    this.relay = new OutboxRelay(dataSource, this.producer, {
      ...options.relay,
      schema: options.schema,
      topicPrefix: kafka.options.topicPrefix,
      log: (message) => this.logger.warn(message),
    });
    health.register({ name: 'outbox', check: () => this.check() });
  }

  private starting?: Promise<void>;
  private stopping = false;

  /** Does not wait for Kafka: the service boots and writes to its outbox while Kafka is away; /health says so. */
  onApplicationBootstrap(): void {
    if (this.options.relay?.enabled === false) return;
    this.starting = this.connectThenStart();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.relay.stop();
    await this.producer.disconnect();
  }

  private async connectThenStart(): Promise<void> {
    if (this.stopping) return;
    // Until Kafka answers (500, 1000, 1500 … ms apart, at most 5 s), or the app stops meanwhile.
    const connected = await retryWithBackoff(() => this.producer.connect(), {
      initialDelayMs: 500,
      maxDelayMs: 5_000,
      growth: 'linear',
      stop: () => this.stopping,
      onRetry: (err, attempt) => this.logger.warn(`cannot reach Kafka yet (attempt ${attempt}): ${errorMessage(err)}`),
    }).then(
      () => true,
      () => false, // only when stopping: retries are otherwise unbounded
    );
    if (connected) this.relay.start();
  }

  private async check(): Promise<Record<string, unknown>> {
    const [{ unsent, oldest }] = (await this.dataSource.query(
      `SELECT count(*)::int AS unsent, min(created_at) AS oldest FROM ${qualifiedTable(this.options.schema, 'outbox')} WHERE sent_at IS NULL`,
    )) as { unsent: number; oldest: Date | null }[];
    const enabled = this.options.relay?.enabled !== false;
    const lastRound = this.relay.lastSuccessAt;
    if (enabled && (!lastRound || Date.now() - lastRound.getTime() > RELAY_STALE_MS)) {
      throw new Error(
        `relay has not completed a round since ${lastRound?.toISOString() ?? 'start-up'}; ${unsent} unsent`,
      );
    }
    // A topic the broker refuses holds back only its own events: shown, not a failed check (a restart cures nothing).
    const refusedTopics = this.relay.refusedTopics.list().map(({ topic, reason, since }) => ({ topic, reason, since }));
    return {
      relay: enabled ? 'running' : 'disabled',
      unsent,
      oldestUnsent: oldest,
      published: this.relay.published,
      ...(refusedTopics.length > 0 ? { refusedTopics } : {}),
    };
  }
}
