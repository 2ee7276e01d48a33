import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { eventually } from '@sanshe/testing';
import { type InboxService, OutboxRelay, createReliableProducer } from '../src';
import { kafka, messagingFixture, proposalEvent, startConsumerApp } from './harness';

const EVENTS = 300;
const KEYS = 10;
const BATCH = 100;

describe('relay killed after Kafka acknowledged, before marking rows sent (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService };

  beforeAll(async () => {
    fx = await messagingFixture('crash');
    consumer = await startConsumerApp({ schema: fx.schema, topic: fx.topic });
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('still applies every event exactly once: the redelivered duplicates are absorbed by the inbox', async () => {
    for (let seq = 1; seq <= EVENTS / KEYS; seq++) {
      await fx.dataSource.transaction(async (manager) => {
        for (let k = 0; k < KEYS; k++) await fx.writer.publish(manager, proposalEvent(`agg-${k}`, seq));
      });
    }

    // A relay process that SIGKILLs itself once Kafka has acknowledged its first batch.
    const crashing = spawn(
      process.execPath,
      ['-r', '@swc-node/register', resolve(__dirname, 'fixtures/crashing-relay.ts'), fx.schema, String(BATCH)],
      { cwd: resolve(__dirname, '../../..'), stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const [code, signal] = (await once(crashing, 'exit')) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await fx.unsent()).toBe(EVENTS); // acknowledged by Kafka, but nothing was marked sent

    // The consumer has received the crashed relay's batch; now a healthy relay sends everything again.
    await eventually(() => expect(consumer.inbox.processor.counts.processed).toBe(BATCH), { timeoutMs: 30_000 });
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, batchSize: BATCH, lanesPerClaim: 16 });
    relay.start();
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 30_000 });
    await relay.stop();
    await producer.disconnect();

    await eventually(() => expect(consumer.inbox.processor.counts.processed).toBe(EVENTS), { timeoutMs: 30_000 });
    const effects = await fx.effects();
    expect(effects).toHaveLength(EVENTS); // zero lost, zero applied twice
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(EVENTS);
    expect(consumer.inbox.processor.counts.duplicate).toBe(BATCH); // the crashed batch was delivered twice
    for (let k = 0; k < KEYS; k++) {
      const seqs = effects.filter((e) => e.subject === `agg-${k}`).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: EVENTS / KEYS }, (_, i) => i + 1)); // in order per key
    }
  });
});
