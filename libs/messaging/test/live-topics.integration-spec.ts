import type { INestApplication } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { sleep } from '@sanshe/common';
import { eventually, uniqueName } from '@sanshe/testing';
import { createReliableProducer, type InboxService, LiveTopics, OutboxRelay, OutboxWriter } from '../src';
import { kafka, messagingFixture, proposalEvent, startConsumerApp } from './harness';

const KEYS = 5;
const ROUNDS = 40; // topic A: KEYS × ROUNDS events, written while B is taken on
const ON_B = 30; // topic B: written before the consumer takes it on

describe('a running consumer takes on another topic (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService; groupId: string };
  let producer: Producer;
  let relay: OutboxRelay;
  const topicB = uniqueName('live-b');

  beforeAll(async () => {
    fx = await messagingFixture('live_topics');
    consumer = await startConsumerApp({ schema: fx.schema, topic: fx.topic });
    producer = createReliableProducer(kafka);
    await producer.connect();
    relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16, idleDelayMs: 5 });
  });
  afterAll(async () => {
    await relay?.stop();
    await producer?.disconnect();
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('applies every message of A once while B is added mid-flow, and reads B from its beginning', async () => {
    const toB = new OutboxWriter({ schema: fx.schema, source: 'sanshe/organization', topicFor: () => topicB });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: topicB, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    await fx.dataSource.transaction(async (manager) => {
      for (let seq = 1; seq <= ON_B; seq++) await toB.publish(manager, proposalEvent('b-key', seq));
    });
    relay.start(); // B's events reach Kafka before anyone consumes B

    let taken: Promise<string[]> | undefined;
    for (let seq = 1; seq <= ROUNDS; seq++) {
      await fx.dataSource.transaction(async (manager) => {
        for (let k = 0; k < KEYS; k++) await fx.writer.publish(manager, proposalEvent(`a-${k}`, seq));
      });
      if (seq === ROUNDS / 4) {
        // A's events are being applied as the consumer stops, subscribes to B too and runs again.
        await eventually(() => expect(consumer.inbox.processor.counts.processed).toBeGreaterThan(0));
        taken = new LiveTopics(consumer.inbox).consumeAlso([topicB, fx.topic], fx.topic);
      }
      await sleep(20);
    }
    expect(await taken).toEqual([topicB]); // A was consumed already

    const total = KEYS * ROUNDS + ON_B;
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 20_000 });
    // Every message of A and B applied and its offset committed: nothing is left to come again.
    await eventually(() => expect(committedToTheEnd(consumer.groupId, [fx.topic, topicB])).resolves.toBe(true), {
      timeoutMs: 20_000,
    });
    const effects = await fx.effects();
    expect(effects).toHaveLength(total);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(total);
    for (let k = 0; k < KEYS; k++) {
      const seqs = effects.filter((e) => e.subject === `a-${k}`).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: ROUNDS }, (_, i) => i + 1)); // in order, once each
    }
    const onB = effects.filter((e) => e.subject === 'b-key').map((e) => e.seq);
    expect(onB).toEqual(Array.from({ length: ON_B }, (_, i) => i + 1)); // from B's first message
  });

  it('takes nothing on twice: a second call with the same topic changes nothing', async () => {
    expect(await new LiveTopics(consumer.inbox).consumeAlso([topicB], fx.topic)).toEqual([]);
  });
});

/** Whether the group's committed offsets of `topics` are at their high-water marks. */
async function committedToTheEnd(groupId: string, topics: string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        if (end.high !== '0' && at !== end.high) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}
