import { contextTopic } from '@sanshe/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { eventually, localBrokerLogin, testKafkaEndpoint, uniqueName } from '@sanshe/testing';
import { createReliableProducer, ensureTopics, OutboxRelay, OutboxWriter } from '../src';
import { messagingFixture, proposalEvent, readTopic } from './harness';

/**
 * On the real secured broker, logged in as the community service (its ACLs): a topic it may not write holds back
 * only its own events — the others go out, the refused ones stay unsent, the round completes and names the topic.
 * Before, one refused topic failed every round, and no event of the service left its outbox.
 */
describe('a topic the broker refuses (real PostgreSQL, secured Kafka)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const allowed = uniqueName('sanshe.dlq.sanshe-community.refused-test'); // within community's own grants
  const refused = contextTopic('governance'); // governance's alone

  beforeAll(async () => {
    fx = await messagingFixture('refused');
    await ensureTopics(testKafkaEndpoint(), [allowed]);
  });
  afterAll(() => fx?.cleanup());

  it('keeps its rows unsent and sends every other topic’s', async () => {
    const writer = new OutboxWriter({
      schema: fx.schema,
      source: 'sanshe/organization',
      topicFor: (event) => (event.subject.startsWith('gov') ? refused : allowed),
    });
    await fx.dataSource.transaction(async (manager) => {
      for (const [i, subject] of ['a', 'gov-1', 'b', 'gov-2', 'c'].entries()) {
        await writer.publish(manager, proposalEvent(subject, i));
      }
    });
    const { brokers } = testKafkaEndpoint();
    const community = new Kafka({
      clientId: 'refused-test',
      brokers,
      logLevel: logLevel.NOTHING,
      ...localBrokerLogin('community'),
    });
    const producer = createReliableProducer(community);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16, idleDelayMs: 50 });
    relay.start();
    try {
      await eventually(async () => expect(await fx.unsent()).toBe(2), { timeoutMs: 30_000 });
      expect((await readTopic(allowed, 3)).map((m) => String(m.key)).sort()).toEqual(['a', 'b', 'c']);
      expect(relay.refusedTopics.list()).toEqual([
        expect.objectContaining({ topic: refused, reason: expect.stringMatching(/^TOPIC_AUTHORIZATION_FAILED/) }),
      ]);
      expect(relay.lastSuccessAt).toBeDefined(); // the round completed: /health stays up, naming the topic
      const stillUnsent = (await fx.dataSource.query(
        `SELECT topic FROM "${fx.schema}".outbox WHERE sent_at IS NULL`,
      )) as { topic: string }[];
      expect(stillUnsent.map((r) => r.topic)).toEqual([refused, refused]);
    } finally {
      await relay.stop();
      await producer.disconnect();
      await fx.dataSource.query(`DELETE FROM "${fx.schema}".outbox WHERE sent_at IS NULL`); // never to governance's topic
    }
  });
});
