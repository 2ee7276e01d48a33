import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@sanshe/testing';
import { messagingFixture, proposalEvent, startConsumerApp } from './harness';

const SESSION_TIMEOUT_MS = 6_000; // the broker's smallest by default
const SLOW_HANDLER_MS = 8_000; // past the session timeout: without heartbeats during the batch, an eviction

describe('heartbeats while a batch is processed (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: Awaited<ReturnType<typeof startConsumerApp>> | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('heartbeats');
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('a handler slower than the session timeout keeps the consumer in its group: no rebalance, applied once', async () => {
    const calls = new Map<string, number>();
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      sessionTimeout: SESSION_TIMEOUT_MS,
      consumer: { batchMaxSize: 1 },
      beforeEffect: async (event) => {
        calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
        if (event.subject === 'slow') await sleep(SLOW_HANDLER_MS); // inside its inbox transaction
      },
    });
    const kafkaConsumer = consumer.kafkaConsumer();
    const memberId = (await kafkaConsumer.describeGroup()).members.map((m) => m.memberId);
    const trouble: string[] = [];
    kafkaConsumer.on(kafkaConsumer.events.GROUP_JOIN, () => trouble.push('joined again'));
    kafkaConsumer.on(kafkaConsumer.events.REBALANCING, () => trouble.push('rebalancing'));
    kafkaConsumer.on(kafkaConsumer.events.CRASH, () => trouble.push('crash'));

    await fx.dataSource.transaction(async (manager) => {
      await fx.writer.publish(manager, proposalEvent('slow', 1));
      await fx.writer.publish(manager, proposalEvent('slow', 2));
    });
    await fx.relayAll();

    await eventually(async () => expect(await fx.effects()).toHaveLength(2), { timeoutMs: SLOW_HANDLER_MS * 3 });
    await sleep(SESSION_TIMEOUT_MS); // long enough for an eviction, had there been one, to show
    expect(trouble).toEqual([]);
    expect((await kafkaConsumer.describeGroup()).members.map((m) => m.memberId)).toEqual(memberId);
    expect((await fx.effects()).map((e) => e.seq)).toEqual([1, 2]);
    expect([...calls.values()]).toEqual([1, 1]); // no redelivery: each handler ran once
  }, 60_000);
});
