import type { INestApplication } from '@nestjs/common';
import { ConfigResourceTypes } from 'kafkajs';
import { createEvent } from '@sanshe/contracts';
import { eventually, uniqueName } from '@sanshe/testing';
import { createReliableProducer, type Delivery, ensureTopics, type InboxService } from '../src';
import { kafka, kafkaEndpoint, messagingFixture, proposalEvent, startConsumerApp } from './harness';

/** A topic's non-default configs (its overrides). */
async function topicConfig(topic: string): Promise<Record<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      includeSynonyms: false,
    });
    return Object.fromEntries(
      (resources[0]?.configEntries ?? []).filter((e) => !e.isDefault).map((e) => [e.configName, e.configValue]),
    );
  } finally {
    await admin.disconnect();
  }
}

async function createTopic(topic: string, configEntries: { name: string; value: string }[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, configEntries }], waitForLeaders: false });
    // A busy KRaft broker may answer "does not host this topic-partition" for a topic it has just made: wait, as
    // ensureTopics does (kafkajs's waitForLeaders retries only LEADER_NOT_AVAILABLE; failed a loaded CI run).
    await eventually(() => admin.fetchTopicMetadata({ topics: [topic] }), { timeoutMs: 15_000 });
  } finally {
    await admin.disconnect();
  }
}

/** Sends one event per key claiming a 1970 timestamp; what the send reports, by event id. */
async function sendClaiming1970(topic: string, keys: string[]) {
  const producer = createReliableProducer(kafka);
  await producer.connect();
  const sent = new Map<string, { partition: number; offset: string; logAppendTime: string }>();
  try {
    for (const key of keys) {
      const event = createEvent({ ...proposalEvent(key, 1), source: 'portal/broker-time-test' });
      const [meta] = await producer.send({
        topic,
        messages: [{ key, value: JSON.stringify(event), timestamp: '1000' }],
      });
      if (!meta?.baseOffset || meta.logAppendTime === undefined) throw new Error(`no offset: ${String(meta)}`);
      sent.set(event.id, { partition: meta.partition, offset: meta.baseOffset, logAppendTime: meta.logAppendTime });
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

describe("topics stamped with the broker's time (real Kafka)", () => {
  it('ensureTopics creates missing topics with LogAppendTime and moves existing CreateTime ones to it, keeping their other overrides', async () => {
    const [fresh, older, already] = ['fresh', 'older', 'already'].map((name) => uniqueName(`broker-time-${name}`));
    await createTopic(older!, [
      { name: 'message.timestamp.type', value: 'CreateTime' },
      { name: 'retention.ms', value: '3600000' },
    ]);
    await createTopic(already!, [{ name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    const logged: string[] = [];

    await ensureTopics(kafkaEndpoint, [fresh!, older!, already!], 3, (line) => logged.push(line));

    expect(await topicConfig(fresh!)).toMatchObject({ 'message.timestamp.type': 'LogAppendTime' });
    expect(await topicConfig(older!)).toMatchObject({
      'message.timestamp.type': 'LogAppendTime',
      'retention.ms': '3600000',
    });
    expect(await topicConfig(already!)).toMatchObject({ 'message.timestamp.type': 'LogAppendTime' });
    expect(logged).toEqual([`set message.timestamp.type=LogAppendTime on ${older}`]);
  });
});

describe('Delivery.brokerTime: the broker append time, never a producer-chosen time (real Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService } | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('broker-time');
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('is set from the record timestamp on a LogAppendTime topic, and left out on a CreateTime topic', async () => {
    const appendTimeTopic = uniqueName('broker-time-append');
    const createTimeTopic = uniqueName('broker-time-create');
    await createTopic(appendTimeTopic, [{ name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    await createTopic(createTimeTopic, [{ name: 'message.timestamp.type', value: 'CreateTime' }]);
    const appended = await sendClaiming1970(appendTimeTopic, ['a-0', 'a-1', 'a-2']);
    const created = await sendClaiming1970(createTimeTopic, ['c-0', 'c-1', 'c-2']);

    const seen = new Map<string, Delivery>();
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: [appendTimeTopic, createTimeTopic],
      beforeEffect: (event, delivery) => void seen.set(event.id, delivery),
    });
    await eventually(() => expect(seen.size).toBe(appended.size + created.size), { timeoutMs: 30_000 });

    for (const [id, { partition, offset, logAppendTime }] of appended) {
      expect(Number(logAppendTime)).toBeGreaterThan(1000); // the broker replaced the claimed 1970 time
      expect(seen.get(id)).toEqual({
        topic: appendTimeTopic,
        partition,
        offset,
        timestamp: logAppendTime,
        brokerTime: Number(logAppendTime),
      });
    }
    for (const [id, { partition, offset }] of created) {
      // The producer's claim comes through as the timestamp, and is not taken for the broker's time.
      expect(seen.get(id)).toEqual({ topic: createTimeTopic, partition, offset, timestamp: '1000' });
    }
  });
});
