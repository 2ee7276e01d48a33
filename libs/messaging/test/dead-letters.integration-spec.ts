import type { INestApplication } from '@nestjs/common';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { createReliableProducer, type InboxService, OutboxRelay } from '../src';
import { breakOnPoison, kafka, messagingFixture, proposalEvent, readTopic, startConsumerApp } from './harness';

const HEALTHY_KEYS = 6;
const PER_KEY = 10;

describe('poison and invalid messages (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService; groupId: string };

  beforeAll(async () => {
    fx = await messagingFixture('poison');
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { retryMaxDelayMs: 200, deadLetterAfterMs: 1_000 }, // transient failures: retried until then
      beforeEffect: breakOnPoison,
    });
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('dead-letters a message that keeps failing within 30 s, with the reason and origin, while other keys keep flowing', async () => {
    const started = Date.now();
    await fx.dataSource.transaction(async (manager) => {
      await fx.writer.publish(manager, proposalEvent('poison', 1));
      for (let seq = 1; seq <= PER_KEY; seq++) {
        for (let k = 0; k < HEALTHY_KEYS; k++) await fx.writer.publish(manager, proposalEvent(`healthy-${k}`, seq));
      }
    });
    // An invalid message written straight to the topic: no outbox would let it through.
    const raw = createReliableProducer(kafka);
    await raw.connect();
    await raw.send({
      topic: fx.topic,
      messages: [{ key: 'garbage', value: '{"specversion":"1.0","type":"sanshe.organization.proposal.submitted.v1"}' }],
    });
    await raw.disconnect();

    const producer = createReliableProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16 });
    relay.start();
    try {
      const dead = await readTopic(deadLetterTopic(consumer.groupId), 2, 30_000);
      expect(dead.map((m) => String(m.key)).sort()).toEqual(['garbage', 'poison']);
      const elapsedMs = Date.now() - started;
      expect(elapsedMs).toBeLessThan(30_000);

      const byKey = Object.fromEntries(dead.map((m) => [String(m.key), m]));
      const header = (key: string, name: keyof typeof DEAD_LETTER_HEADERS) =>
        String(byKey[key]?.headers?.[DEAD_LETTER_HEADERS[name]]);
      expect(Number(header('poison', 'attempts'))).toBeGreaterThanOrEqual(3);
      expect(header('poison', 'error')).toContain('failing for longer than deadLetterAfterMs (1000 ms)');
      expect(header('poison', 'error')).toContain('this proposal always breaks the handler');
      expect(header('poison', 'originalTopic')).toBe(fx.topic);
      expect(Number(header('poison', 'originalOffset'))).toBeGreaterThanOrEqual(0);
      expect(header('poison', 'consumer')).toBe(consumer.groupId);
      expect(JSON.parse(String(byKey.poison?.value))).toMatchObject({ subject: 'poison' }); // the original, unchanged
      expect(header('garbage', 'attempts')).toBe('1'); // invalid: no retries
      expect(header('garbage', 'error')).toMatch(/\/id is required/);

      await eventually(async () => expect(await fx.effects()).toHaveLength(HEALTHY_KEYS * PER_KEY), {
        timeoutMs: 30_000,
      });
      const effects = await fx.effects();
      expect(effects.some((e) => e.subject === 'poison')).toBe(false);
      for (let k = 0; k < HEALTHY_KEYS; k++) {
        expect(effects.filter((e) => e.subject === `healthy-${k}`).map((e) => e.seq)).toEqual(
          Array.from({ length: PER_KEY }, (_, i) => i + 1),
        );
      }
      expect(consumer.inbox.processor.counts['dead-lettered']).toBe(2);
    } finally {
      await relay.stop();
      await producer.disconnect();
    }
  });

  it('prunes sent outbox rows past the retention', async () => {
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16, retentionMs: 0 });
    await fx.dataSource.transaction((manager) => fx.writer.publish(manager, proposalEvent('to-prune', 1)));
    while ((await relay.publishOnce()) > 0);
    await producer.disconnect();
    const count = async () =>
      ((await fx.dataSource.query(`SELECT count(*)::int AS c FROM "${fx.schema}".outbox`)) as { c: number }[])[0]?.c;
    expect(await count()).toBeGreaterThan(0);
    expect(await relay.prune()).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });
});
