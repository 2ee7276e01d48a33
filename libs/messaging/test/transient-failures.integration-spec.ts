import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@sanshe/contracts';
import { HealthRegistry } from '@sanshe/nest-platform';
import { eventually } from '@sanshe/testing';
import { messagingFixture, proposalEvent, readTopic, startConsumerApp } from './harness';

const OTHER_KEYS = 9;
const PER_KEY = 3;

type Consumer = Awaited<ReturnType<typeof startConsumerApp>>;

const inboxHealth = async (consumer: Consumer) =>
  (await consumer.app
    .get(HealthRegistry)
    .all()
    .find((c) => c.name === 'inbox')
    ?.check(new AbortController().signal)) as {
    stalled?: { topic: string; partition: number; offset: string; lastError: string }[];
  };

/** `key`'s events, then PER_KEY events of each other key, published in this order. */
async function publish(fx: Awaited<ReturnType<typeof messagingFixture>>, key: string) {
  await fx.dataSource.transaction(async (manager) => {
    for (let seq = 1; seq <= PER_KEY; seq++) await fx.writer.publish(manager, proposalEvent(key, seq));
    for (let seq = 1; seq <= PER_KEY; seq++)
      for (let k = 0; k < OTHER_KEYS; k++) await fx.writer.publish(manager, proposalEvent(`other-${k}`, seq));
  });
  await fx.relayAll();
}

describe('transient failures are retried, not dead-lettered (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: Consumer | undefined;

  beforeEach(async () => {
    fx = await messagingFixture('transient');
  });
  afterEach(async () => {
    await consumer?.app.close();
    consumer = undefined;
    await fx?.cleanup();
  });

  it('an outage longer than any retry count stalls only its partition, then every event is applied in order', async () => {
    const OUTAGE_MS = 4_000;
    let outageUntil = Number.POSITIVE_INFINITY; // set when the first attempt fails
    const partitionOf = new Map<string, number>();
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { retryDelayMs: 50, retryMaxDelayMs: 400 },
      beforeEffect: (event, delivery) => {
        partitionOf.set(event.subject, delivery.partition);
        if (event.subject !== 'outage') return;
        if (outageUntil === Number.POSITIVE_INFINITY) outageUntil = Date.now() + OUTAGE_MS;
        if (Date.now() < outageUntil) throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); // as pg says it
      },
    });
    await publish(fx, 'outage');

    // During the outage: the other partitions' keys are all applied, and /health names the stalled partition.
    const otherPartitions = () =>
      [...partitionOf].filter(([key, p]) => key !== 'outage' && p !== partitionOf.get('outage')).map(([key]) => key);
    await eventually(
      async () => {
        const applied = (await fx.effects()).map((e) => e.subject);
        expect(otherPartitions().length).toBeGreaterThan(0);
        for (const key of otherPartitions()) expect(applied.filter((s) => s === key)).toHaveLength(PER_KEY);
        const health = await inboxHealth(consumer as Consumer);
        expect(health.stalled).toEqual([
          expect.objectContaining({
            topic: fx.topic,
            partition: partitionOf.get('outage'),
            offset: expect.any(String),
          }),
        ]);
        expect(health.stalled?.[0]?.lastError).toContain('ECONNREFUSED');
      },
      { timeoutMs: OUTAGE_MS - 500 },
    );
    expect(Date.now()).toBeLessThan(outageUntil);

    await eventually(async () => expect(await fx.effects()).toHaveLength(PER_KEY * (OTHER_KEYS + 1)), {
      timeoutMs: 15_000,
    });
    const effects = await fx.effects();
    for (const key of ['outage', ...Array.from({ length: OTHER_KEYS }, (_, k) => `other-${k}`)])
      expect(effects.filter((e) => e.subject === key).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(consumer.inbox.processor.counts['dead-lettered']).toBe(0);
    expect((await inboxHealth(consumer)).stalled).toEqual([]);
  }, 30_000);

  it('keeps its group membership through a stall longer than the session timeout: no rebalance, nothing lost', async () => {
    const SESSION_TIMEOUT_MS = 6_000; // the broker's smallest by default
    let outageUntil = Number.POSITIVE_INFINITY;
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      sessionTimeout: SESSION_TIMEOUT_MS,
      consumer: { retryDelayMs: 200, retryMaxDelayMs: 1_000 },
      beforeEffect: (event) => {
        if (event.subject !== 'outage') return;
        if (outageUntil === Number.POSITIVE_INFINITY) outageUntil = Date.now() + SESSION_TIMEOUT_MS * 1.5;
        if (Date.now() < outageUntil) throw new Error('Connection terminated unexpectedly');
      },
    });
    const kafkaConsumer = consumer.kafkaConsumer();
    const trouble: string[] = [];
    kafkaConsumer.on(kafkaConsumer.events.REBALANCING, () => trouble.push('rebalancing'));
    kafkaConsumer.on(kafkaConsumer.events.CRASH, () => trouble.push('crash'));
    kafkaConsumer.on(kafkaConsumer.events.GROUP_JOIN, () => trouble.push('joined again'));
    await publish(fx, 'outage');

    await eventually(async () => expect(await fx.effects()).toHaveLength(PER_KEY * (OTHER_KEYS + 1)), {
      timeoutMs: 20_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(outageUntil);
    expect((await fx.effects()).filter((e) => e.subject === 'outage').map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(trouble).toEqual([]);
    expect(consumer.inbox.processor.counts['dead-lettered']).toBe(0);
  }, 30_000);

  it('an event failing for longer than deadLetterAfterMs is dead-lettered with that reason, and its partition continues', async () => {
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { retryDelayMs: 50, retryMaxDelayMs: 400, deadLetterAfterMs: 2_000 },
      beforeEffect: (event) => {
        if (event.subject === 'doomed' && (event.data as { title?: string }).title === '#1')
          throw new Error('the workflow service is away');
      },
    });
    const started = Date.now();
    await publish(fx, 'doomed');

    const deadLetters = await readTopic(deadLetterTopic(consumer.groupId), 1, 20_000);
    expect(deadLetters).toHaveLength(1);
    const [dead] = deadLetters;
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(String(dead?.key)).toBe('doomed');
    const reason = String(dead?.headers?.[DEAD_LETTER_HEADERS.error]);
    expect(reason).toMatch(/failing for longer than deadLetterAfterMs \(2000 ms\)/);
    expect(reason).toContain('the workflow service is away');
    expect(Number(dead?.headers?.[DEAD_LETTER_HEADERS.attempts])).toBeGreaterThan(1);

    await eventually(async () => expect(await fx.effects()).toHaveLength(PER_KEY * (OTHER_KEYS + 1) - 1), {
      timeoutMs: 15_000,
    });
    const effects = await fx.effects();
    expect(effects.filter((e) => e.subject === 'doomed').map((e) => e.seq)).toEqual([2, 3]);
    expect(consumer.inbox.processor.counts['dead-lettered']).toBe(1);
  }, 30_000);
});
