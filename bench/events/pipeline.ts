import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { proposalSubmitted } from '@sanshe/contracts';
import { createReliableProducer, OutboxRelay, OutboxWriter } from '@sanshe/messaging';
import { inSpan, SpanKind } from '@sanshe/nest-platform/tracing';
import { migrate, quoteIdentifier, serviceDataSourceOptions } from '@sanshe/persistence';
import type { BenchConfig } from './config';
import { LatencyRecorder, type RssSampler } from '../shared/measure';
import { driveAtRate, waitUntil } from './measure';
import { BENCH_MIGRATIONS, upsertProposalSql } from './pipeline-schema';

export interface PipelineResult {
  /** Sustained events/s of service transaction + outbox → relay → Kafka → Nest consumer + inbox. */
  peakPerSec: number;
  /** End-to-end latency (write started → inbox transaction committed) at peakPerSec / 2. */
  latencyAtHalfLoad: { p50Ms: number; p99Ms: number };
}

export interface PipelineContext {
  rss: RssSampler;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on this machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

interface ConsumerReport {
  count: number;
  duplicates: number;
  latenciesMs: number[];
}

/** Forks bench/events/pipeline-consumer.ts and resolves once its consumer is subscribed. */
async function startConsumerProcess(
  cfg: BenchConfig,
  schema: string,
  topic: string,
  onReport: (report: ConsumerReport) => void,
): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child = fork(resolve(__dirname, 'pipeline-consumer.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: {
      ...process.env,
      BENCH_CONSUMER: JSON.stringify({
        schema,
        topic,
        databaseUrl: cfg.databaseUrl,
        brokers: cfg.kafkaBrokers,
        security: cfg.kafkaSecurity,
        partitions: cfg.partitions,
        connections: cfg.connections,
      }),
    },
  });
  const exited = once(child, 'exit');
  await new Promise<void>((ready, fail) => {
    child.on('message', (message: { ready?: true } & Partial<ConsumerReport>) => {
      if (message.ready) ready();
      else onReport(message as ConsumerReport);
    });
    child.once('exit', (code) => fail(new Error(`the consumer process exited with ${code} before it was ready`)));
  });
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.send('stop');
      await exited;
    },
  };
}

/**
 * (c) The full pipeline, with the real libraries: in this process, writers commit a proposal row
 * and its event (OutboxWriter) in one transaction and an OutboxRelay publishes; in a second process,
 * as in production, a Nest app consumes through the Kafka transport and InboxService (inbox row +
 * read-model upsert per event) and reports what it applied every 100 ms.
 */
export async function runPipeline(cfg: BenchConfig, ctx: PipelineContext): Promise<PipelineResult> {
  const suffix = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const schema = `bench_pipeline_${suffix}`;
  const topic = `bench-pipeline-${suffix}`;
  const db = { url: cfg.databaseUrl, schema, migrations: BENCH_MIGRATIONS };
  await migrate(db);
  const admin = new Kafka({
    clientId: 'bench',
    brokers: cfg.kafkaBrokers,
    ...cfg.kafkaSecurity,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: cfg.partitions }], waitForLeaders: true });

  const consumed = { count: 0, duplicates: 0, latency: undefined as LatencyRecorder | undefined };
  const consumer = await startConsumerProcess(cfg, schema, topic, (report) => {
    consumed.count = report.count;
    consumed.duplicates = report.duplicates;
    for (const ms of report.latenciesMs) consumed.latency?.record(ms);
  });
  ctx.rss.addPid(consumer.pid);
  const writers = await new DataSource(serviceDataSourceOptions({ ...db, poolSize: cfg.connections })).initialize();
  const relaySource = await new DataSource(serviceDataSourceOptions({ ...db, poolSize: 2 })).initialize();
  const producer = createReliableProducer(
    new Kafka({ clientId: 'bench-relay', brokers: cfg.kafkaBrokers, ...cfg.kafkaSecurity, logLevel: logLevel.NOTHING }),
  );
  await producer.connect();
  // The relay waits its default idleDelayMs (20 ms, as in the services) after a round short of a
  // batch. Polling every 5 ms, as this bench once did, made 2.3 times as many rounds (9 events each
  // instead of 23), each a Kafka request and a smaller inbox transaction downstream: (c) a third lower.
  const relay = new OutboxRelay(relaySource, producer, { schema, batchSize: cfg.batch, lanesPerClaim: 16 });
  relay.start();

  const writer = new OutboxWriter({ schema, source: 'sanshe/bench', topicFor: () => topic });
  const padding = 'x'.repeat(Math.max(0, cfg.payloadBytes - 450));
  const upsertProposal = upsertProposalSql(schema);
  const write = (seq: number, sentAtMs = nowMs()) => {
    const key = `proposal-${String(seq % cfg.keys).padStart(6, '0')}`;
    const data = { ...proposalSubmitted.example, proposalId: key, summary: padding, sentAtMs };
    // In a server span, as a request's write would be: untraced (c) calls the transaction directly.
    return inSpan('bench write', { kind: SpanKind.SERVER }, () =>
      writers.transaction(async (manager) => {
        await manager.query(upsertProposal, [key, JSON.stringify(data)]);
        await writer.publish(manager, { type: 'sanshe.organization.proposal.submitted.v1', subject: key, data });
      }),
    );
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
      `  half load: ${count} events, ${drive.skipped} skipped, ${drive.failed} failed; duplicates absorbed ${consumed.duplicates}`,
    );
    return { peakPerSec, latencyAtHalfLoad: { p50Ms, p99Ms } };
  } finally {
    await relay.stop();
    await producer.disconnect();
    await consumer.stop();
    await writers.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`).catch(() => undefined);
    await Promise.all([writers.destroy(), relaySource.destroy()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
