import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type Admin, AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type GaugeSample, MetricsRegistry, readAtMostEvery } from '@sanshe/nest-platform';
import { qualifiedTable } from '@sanshe/persistence';
import { InboxService } from './inbox/inbox.service';
import { kafkaClientConfig } from './kafka-client';
import { KafkaConnection } from './kafka.module';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { OutboxRelayService } from './outbox/outbox-relay.service';

/** One indexed query a second at most, whatever the number of scrapers. */
const OUTBOX_READ_EVERY_MS = 1_000;
/** Two Kafka round trips per consumed topic: at most every 5 s. */
const LAG_READ_EVERY_MS = 5_000;

/**
 * The outbox's and the inbox's series in the app's MetricsRegistry (none when the app has no MetricsModule):
 * the unsent backlog and its oldest row's age, events published, consumer lag per topic-partition from the
 * group's committed offsets, retries by error class and dead letters by reason (docs/operations.md, "Metrics").
 */
@Injectable()
export class MessagingMetrics implements OnApplicationShutdown {
  private admin?: Promise<Admin>;
  private readonly consumedTopics = new Set<string>();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    relay: OutboxRelayService,
    @Optional() metrics?: MetricsRegistry,
    @Optional() inbox?: InboxService,
  ) {
    if (!metrics) return;
    this.outboxSeries(metrics, relay);
    if (inbox) this.inboxSeries(metrics, inbox);
  }

  private outboxSeries(metrics: MetricsRegistry, relay: OutboxRelayService): void {
    const backlog = readAtMostEvery(OUTBOX_READ_EVERY_MS, () => this.readBacklog()); // both gauges, one query
    metrics.readGauge({
      name: 'sanshe_outbox_unsent_events',
      help: 'Events in the outbox not yet acknowledged by Kafka',
      maxAgeMs: 0, // (`backlog` is what is cached)
      read: async () => [{ labels: {}, value: (await backlog()).unsent }],
    });
    metrics.readGauge({
      name: 'sanshe_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest event not yet acknowledged by Kafka (0 when none waits)',
      maxAgeMs: 0,
      read: async () => [{ labels: {}, value: (await backlog()).oldestAgeSeconds }],
    });
    metrics.counter({
      name: 'sanshe_outbox_published_events_total',
      help: 'Events this process relayed to Kafka since it started',
      collect() {
        this.reset();
        this.inc(relay.relay.published);
      },
    });
  }

  private inboxSeries(metrics: MetricsRegistry, inbox: InboxService): void {
    metrics.readGauge({
      name: 'sanshe_consumer_lag_messages',
      help: "Messages of a topic-partition past the consumer group's committed offset",
      labelNames: ['topic', 'partition'],
      maxAgeMs: LAG_READ_EVERY_MS,
      read: () =>
        this.readLag(inbox.consumerGroup).catch(async (err: unknown) => {
          await this.dropAdmin(); // a fresh client at the next read, after Kafka comes back
          throw err;
        }),
    });
    metrics.counter({
      name: 'sanshe_inbox_retries_total',
      help: 'Transient failures of consumed events, each retried until deadLetterAfterMs, by error class',
      labelNames: ['error'],
      collect() {
        this.reset();
        for (const [error, count] of inbox.processor.stalls.failuresByError) this.inc({ error }, count);
      },
    });
    metrics.counter({
      name: 'sanshe_inbox_dead_letters_total',
      help: 'Events put on the dead-letter topic, by reason (invalid-event, unknown-type, refused, retries-exhausted)',
      labelNames: ['reason'],
      collect() {
        this.reset();
        for (const [reason, count] of inbox.processor.deadLetters.publishedByReason) this.inc({ reason }, count);
      },
    });
  }

  private async readBacklog(): Promise<{ unsent: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS unsent, COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
         FROM ${qualifiedTable(this.options.schema, 'outbox')} WHERE sent_at IS NULL`,
    )) as { unsent: number; age: number }[];
    return { unsent: row?.unsent ?? 0, oldestAgeSeconds: row?.age ?? 0 };
  }

  /**
   * Per partition of each topic the group's members are assigned (and those seen before: a stopped consumer
   * still lags): the high-water mark minus the group's committed offset, or the low mark when none is.
   */
  private async readLag(groupId: string): Promise<GaugeSample<'topic' | 'partition'>[]> {
    const admin = await this.connectedAdmin();
    const { groups } = await admin.describeGroups([groupId]);
    for (const member of groups[0]?.members ?? [])
      for (const topic of Object.keys(
        AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
      ))
        this.consumedTopics.add(topic);
    const topics = [...this.consumedTopics];
    if (topics.length === 0) return [];
    const samples: GaugeSample<'topic' | 'partition'>[] = [];
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      const marks = new Map((await admin.fetchTopicOffsets(topic)).map((mark) => [mark.partition, mark]));
      for (const { partition, offset } of partitions) {
        const mark = marks.get(partition);
        if (!mark) continue;
        const from = Number(offset) >= 0 ? Number(offset) : Number(mark.low);
        samples.push({ labels: { topic, partition: String(partition) }, value: Math.max(0, Number(mark.high) - from) });
      }
    }
    return samples;
  }

  /** Its own admin client that fails fast (a scrape must not wait on kafkajs' default retries), connected on first use. */
  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const { options } = this.kafka;
      const client = new Kafka(
        kafkaClientConfig(options, {
          clientId: `${options.clientId}-metrics`,
          logLevel: logLevel.NOTHING,
          connectionTimeout: 1_000,
          requestTimeout: 2_000,
          // A few quick retries (kafkajs looks the group's coordinator up on a retry), a second or so at most.
          retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
        }),
      );
      const admin = client.admin();
      await admin.connect();
      return admin;
    })().catch((err: unknown) => {
      this.admin = undefined; // connect again at the next scrape
      throw err;
    });
    return this.admin;
  }

  private async dropAdmin(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  onApplicationShutdown(): Promise<void> {
    return this.dropAdmin();
  }
}
