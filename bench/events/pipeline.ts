import { randomBytes } from 'node:crypto';
import { Controller, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { proposalSubmitted } from '@sanshe/contracts';
import {
  ConsumeTopic,
  createReliableProducer,
  InboxService,
  KafkaModule,
  kafkaConsumerTransport,
  MessagingModule,
  OutboxRelay,
  OutboxWriter,
} from '@sanshe/messaging';
import { HealthModule } from '@sanshe/nest-platform';
import { migrate, PostgresModule, serviceDataSourceOptions } from '@sanshe/persistence';
import type { BenchConfig } from './config';
import { driveAtRate, LatencyRecorder, type RssSampler, waitUntil } from './measure';
import { BENCH_MIGRATIONS } from './pipeline-schema';

export interface PipelineResult {
  /** Sustained events/s of service transaction + outbox → relay → Kafka → Nest consumer + inbox. */
  peakPerSec: number;
  /** End-to-end latency (write started → inbox transaction committed) at peakPerSec / 2. */
  latencyAtHalfLoad: { p50Ms: number; p99Ms: number };
}

export interface PipelineContext {
  rss: RssSampler;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across this process. */
const nowMs = () => performance.timeOrigin + performance.now();

/**
 * (c) The full pipeline, with the real libraries, in this process: writers commit a proposal row
 * and its event (OutboxWriter) in one transaction; an OutboxRelay publishes; a Nest app consumes
 * through the Kafka transport and InboxService (inbox row + read-model upsert per event).
 */
export async function runPipeline(cfg: BenchConfig, _ctx: PipelineContext): Promise<PipelineResult> {
  const suffix = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const schema = `bench_pipeline_${suffix}`;
  const topic = `bench-pipeline-${suffix}`;
  const db = { url: cfg.databaseUrl, schema, migrations: BENCH_MIGRATIONS };
  await migrate(db);
  const admin = new Kafka({ clientId: 'bench', brokers: cfg.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: cfg.partitions }], waitForLeaders: true });

  const consumed = { count: 0, latency: undefined as LatencyRecorder | undefined };
  const consumer = await startConsumer(cfg, schema, topic, (sentAtMs) => {
    consumed.count++;
    consumed.latency?.record(nowMs() - sentAtMs);
  });
  const writers = await new DataSource(serviceDataSourceOptions({ ...db, poolSize: cfg.connections })).initialize();
  const relaySource = await new DataSource(serviceDataSourceOptions({ ...db, poolSize: 2 })).initialize();
  const producer = createReliableProducer(
    new Kafka({ clientId: 'bench-relay', brokers: cfg.kafkaBrokers, logLevel: logLevel.NOTHING }),
  );
  await producer.connect();
  const relay = new OutboxRelay(relaySource, producer, {
    schema,
    batchSize: cfg.batch,
    lanesPerClaim: 16,
    idleDelayMs: 5,
  });
  relay.start();

  const writer = new OutboxWriter({ schema, source: 'sanshe/bench', topicFor: () => topic });
  const padding = 'x'.repeat(Math.max(0, cfg.payloadBytes - 450));
  const write = (seq: number, sentAtMs = nowMs()) => {
    const key = `proposal-${String(seq % cfg.keys).padStart(6, '0')}`;
    const data = { ...proposalSubmitted.example, proposalId: key, summary: padding, sentAtMs };
    return writers.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "${schema}".proposals (id, payload, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at`,
        [key, JSON.stringify(data)],
      );
      await writer.publish(manager, { type: 'sanshe.organization.proposal.submitted.v1', subject: key, data });
    });
  };
  /** Closed loop: `connections` transactions in flight; resolves when `count` events were consumed. */
  const burst = async (from: number, count: number) => {
    let next = from;
    const target = consumed.count + count;
    await Promise.all(
      Array.from({ length: cfg.connections }, async () => {
        while (next < from + count) await write(next++);
      }),
    );
    if (!(await waitUntil(() => consumed.count >= target, performance.now() + cfg.phaseTimeoutMs))) {
      throw new Error(`only ${consumed.count - (target - count)} of ${count} events consumed within the phase cap`);
    }
  };

  try {
    await burst(0, cfg.warmup);
    const t0 = performance.now();
    await burst(cfg.warmup, cfg.events);
    const peakPerSec = (cfg.events * 1000) / (performance.now() - t0);
    console.log(
      `  peak ${Math.round(peakPerSec)} events/s end to end; now ${Math.round(peakPerSec / 2)}/s for ${cfg.halfLoadMs / 1000} s`,
    );

    consumed.latency = new LatencyRecorder();
    const before = consumed.count;
    let seq = cfg.warmup + cfg.events;
    const drive = await driveAtRate({
      ratePerSec: peakPerSec / 2,
      durationMs: cfg.halfLoadMs,
      send: (_i, dueAt) => write(seq++, performance.timeOrigin + dueAt),
    });
    await waitUntil(() => consumed.count - before >= drive.completed, performance.now() + cfg.phaseTimeoutMs);
    const { p50Ms, p99Ms, count } = consumed.latency.summary();
    console.log(
      `  half load: ${count} events, ${drive.skipped} skipped, ${drive.failed} failed; duplicates absorbed ${consumer.inbox.processor.counts.duplicate}`,
    );
    return { peakPerSec, latencyAtHalfLoad: { p50Ms, p99Ms } };
  } finally {
    await relay.stop();
    await producer.disconnect();
    await consumer.app.close();
    await writers.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await Promise.all([writers.destroy(), relaySource.destroy()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

async function startConsumer(
  cfg: BenchConfig,
  schema: string,
  topic: string,
  onApplied: (sentAtMs: number) => void,
): Promise<{ app: INestApplication; inbox: InboxService }> {
  const groupId = `bench-consumer-${schema}`;

  @Controller()
  class ProposalReadModel {
    constructor(private readonly inbox: InboxService) {}
    @ConsumeTopic(topic)
    async onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
      let sentAtMs = 0;
      await this.inbox.consume(context, {
        'sanshe.organization.proposal.submitted.v1': async (event, manager) => {
          sentAtMs = (event.data as { sentAtMs?: number }).sentAtMs ?? 0;
          await manager.query(
            `INSERT INTO "${schema}".proposals (id, payload, updated_at) VALUES ($1, $2, now())
             ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at`,
            [`read-${event.subject}`, JSON.stringify(event.data)],
          );
        },
      });
      if (sentAtMs) onApplied(sentAtMs); // after the inbox transaction committed
    }
  }

  @Module({
    imports: [
      HealthModule,
      PostgresModule.forRootAsync({ useFactory: () => ({ url: cfg.databaseUrl, schema, poolSize: cfg.connections }) }),
      KafkaModule.forRootAsync({ useFactory: () => ({ clientId: groupId, brokers: cfg.kafkaBrokers }) }),
      MessagingModule.forRoot({
        schema,
        source: 'sanshe/bench',
        relay: { enabled: false },
        consumer: { consumer: groupId },
      }),
    ],
    controllers: [ProposalReadModel],
  })
  class BenchConsumerModule {}

  const app = await NestFactory.create(BenchConsumerModule, { logger: ['error'] });
  app.connectMicroservice(
    kafkaConsumerTransport({
      brokers: cfg.kafkaBrokers,
      clientId: groupId,
      groupId,
      partitionsConsumedConcurrently: cfg.partitions,
    }),
  );
  await app.startAllMicroservices();
  await app.init();
  return { app, inbox: app.get(InboxService) };
}
