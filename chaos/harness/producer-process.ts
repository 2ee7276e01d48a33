/**
 * The producer under test, as its own process: it writes planned events through the real outbox
 * (`OutboxWriter`, one transaction per event, as a domain service's command would) and runs the real
 * `OutboxRelay` to Kafka for its lifetime. The runner sends it `{ seq, events }` over IPC and hears
 * `{ seq }` once every event is committed to the outbox (retried until PostgreSQL takes it).
 * Environment: DATABASE_URL, KAFKA_BROKERS, KAFKA_SASL_*, CHAOS_PRODUCER_SCHEMA.
 */
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { errorMessage, retryWithBackoff } from '@sanshe/common';
import { createReliableProducer, MESSAGING_MIGRATIONS, OutboxRelay, OutboxWriter } from '@sanshe/messaging';
import { kafkaClientSecurity, parsePlatformEnv } from '@sanshe/config';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import type { PlannedEvent, ProducingContext } from './plan';

export interface ProducerRequest {
  seq: number;
  events: PlannedEvent[];
}
export type ProducerReply = { seq: number; written: number } | { seq: number; error: string };

const platformEnv = parsePlatformEnv(process.env);
const { DATABASE_URL: url, KAFKA_BROKERS: brokers } = platformEnv;
const schema = process.env.CHAOS_PRODUCER_SCHEMA ?? 'chaos_producer';
const log = (line: string) => console.log(`[producer] ${line}`);

async function main(): Promise<void> {
  await migrate({ url, schema, migrations: [...MESSAGING_MIGRATIONS] });
  const dataSource = new DataSource({ ...serviceDataSourceOptions({ url, schema, poolSize: 4 }) });
  await retryWithBackoff(() => dataSource.initialize(), { initialDelayMs: 200, maxDelayMs: 2_000 });
  const writers = new Map<ProducingContext, OutboxWriter>(
    (['organization', 'community', 'talent', 'funding'] as const).map((context) => [
      context,
      new OutboxWriter({ schema, source: `sanshe/${context}` }),
    ]),
  );
  const writerFor = (context: ProducingContext) => {
    const writer = writers.get(context);
    if (!writer) throw new Error(`no writer for ${context}`);
    return writer;
  };
  const kafka = new Kafka({
    clientId: 'chaos-producer',
    brokers,
    logLevel: logLevel.NOTHING,
    ...kafkaClientSecurity(platformEnv),
  });
  const producer = createReliableProducer(kafka);
  await retryWithBackoff(() => producer.connect(), { initialDelayMs: 500, maxDelayMs: 5_000 });
  const relay = new OutboxRelay(dataSource, producer, { schema, idleDelayMs: 20, log });
  relay.start();

  const write = (event: PlannedEvent) =>
    retryWithBackoff(
      () =>
        dataSource.transaction((manager) =>
          writerFor(event.context).publish(manager, {
            type: event.type,
            id: event.id,
            subject: event.subject,
            data: event.data,
          } as never),
        ),
      {
        initialDelayMs: 100,
        maxDelayMs: 2_000,
        onRetry: (err, attempt) => {
          if (attempt === 1 || attempt % 20 === 0) log(`writing ${event.id} failed (${attempt}): ${errorMessage(err)}`);
        },
      },
    );

  serve(write, () =>
    relay
      .stop()
      .then(() => producer.disconnect())
      .then(() => dataSource.destroy()),
  );
}

/** Answers the runner's requests; on SIGTERM stops the relay (its round in flight ends) and exits. */
function serve(write: (event: PlannedEvent) => Promise<unknown>, close: () => Promise<void>): void {
  process.on('message', (request: ProducerRequest) => {
    void (async () => {
      for (const event of request.events) await write(event);
      return request.events.length;
    })().then(
      (written) => process.send?.({ seq: request.seq, written } satisfies ProducerReply),
      (err: unknown) => process.send?.({ seq: request.seq, error: errorMessage(err) } satisfies ProducerReply),
    );
  });
  process.once('SIGTERM', () => void close().finally(() => process.exit(0)));
  process.send?.({ seq: 0, written: 0 } satisfies ProducerReply); // ready
}

main().catch((err: unknown) => {
  console.error(`[producer] ${errorMessage(err)}`);
  process.exit(1);
});
