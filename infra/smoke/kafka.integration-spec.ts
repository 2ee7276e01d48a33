import { Kafka, logLevel } from 'kafkajs';
import { parseTestEnv, uniqueName } from '@sanshe/testing';

const env = parseTestEnv(process.env);

describe('Kafka (the real broker infra/local runs)', () => {
  const kafka = new Kafka({ clientId: 'smoke', brokers: env.KAFKA_BROKERS, logLevel: logLevel.WARN });

  it('delivers produced messages, in order per key, to a consumer group', async () => {
    const topic = uniqueName('smoke');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const sent = Array.from({ length: 30 }, (_, i) => ({ key: `aggregate-${i % 3}`, value: `event-${i}` }));
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    const received: { key: string; value: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: String(message.key), value: String(message.value) });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await allReceived;
    await consumer.disconnect();

    expect(received).toHaveLength(sent.length);
    for (const key of ['aggregate-0', 'aggregate-1', 'aggregate-2']) {
      expect(received.filter((m) => m.key === key)).toEqual(sent.filter((m) => m.key === key));
    }
  });
});
