import { deadLetterTopic } from '@sanshe/contracts';
import { eventually, uniqueName } from '@sanshe/testing';
import { createReliableProducer, ensureTopics, OutboxRelay, PermanentEventError, readToHighWaterMarks } from '../src';
import { kafka, kafkaEndpoint, messagingFixture, proposalEvent, startConsumerApp } from './harness';

/**
 * KAFKA_TOPIC_PREFIX (docs/events.md, "Topic prefix"): what the tests run with (`test.`) so that they and a
 * developer's `npm start` do not read each other's events. Here a prefix of this test's own, on a topic of its own.
 */
describe('a topic prefix on the wire', () => {
  const prefix = `${uniqueName('prefix')}.`;
  let fx: Awaited<ReturnType<typeof messagingFixture>>;

  beforeAll(async () => {
    fx = await messagingFixture('topic-prefix'); // its topic unprefixed
    await ensureTopics({ ...kafkaEndpoint, topicPrefix: prefix }, [fx.topic]); // and prefixed
  });
  afterAll(() => fx.cleanup());

  it('the relay writes to the prefixed topic; a consumer reads only that, told the logical name; dead letters are prefixed', async () => {
    await fx.dataSource.transaction(async (manager) => {
      for (const [seq, subject] of ['a', 'poison'].entries())
        await fx.writer.publish(manager, proposalEvent(subject, seq));
    });
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, {
      schema: fx.schema,
      lanesPerClaim: 16,
      topicPrefix: prefix,
    });
    relay.start();
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 30_000 }).finally(async () => {
      await relay.stop();
      await producer.disconnect();
    });
    const prefixed = await readToHighWaterMarks(kafka, `${prefix}${fx.topic}`);
    expect(prefixed.map((r) => String(r.key)).sort()).toEqual(['a', 'poison']);
    expect(await readToHighWaterMarks(kafka, fx.topic)).toEqual([]);

    // An event on the unprefixed topic (as a developer's service would write it) before the consumer starts.
    const stray = kafka.producer();
    await stray.connect();
    const strayEvent = { ...proposalEvent('stray', 9), source: 'sanshe/organization', id: uniqueName('stray') };
    await stray.send({ topic: fx.topic, messages: [{ key: 'stray', value: JSON.stringify(strayEvent) }] });
    await stray.disconnect();

    const deliveredOn: string[] = [];
    const consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      topicPrefix: prefix,
      beforeEffect: (event, delivery) => {
        deliveredOn.push(delivery.topic);
        if (event.subject === 'poison') throw new PermanentEventError('poison');
      },
    });
    try {
      await eventually(async () => expect((await fx.effects()).map((e) => e.subject)).toEqual(['a']), {
        timeoutMs: 30_000,
      });
      const letters = await eventually(
        async () => {
          const read = await readToHighWaterMarks(kafka, `${prefix}${deadLetterTopic(consumer.groupId)}`);
          expect(read).toHaveLength(1);
          return read;
        },
        { timeoutMs: 30_000 },
      );
      expect(String(letters[0]?.key)).toBe('poison');
      expect(new Set(deliveredOn)).toEqual(new Set([fx.topic])); // the logical name: channel checks unchanged
      // The group was never given the unprefixed topic: no offset of it, and its stray event was never applied.
      const admin = kafka.admin();
      await admin.connect();
      const [offsets] = await admin
        .fetchOffsets({ groupId: consumer.groupId, topics: [fx.topic] })
        .finally(() => admin.disconnect());
      expect(offsets?.partitions.every((p) => p.offset === '-1')).toBe(true);
      expect((await fx.effects()).map((e) => e.subject)).not.toContain('stray');
    } finally {
      await consumer.app.close();
    }
  }, 90_000);
});
