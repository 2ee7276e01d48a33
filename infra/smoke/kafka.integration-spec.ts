import { Kafka, logLevel } from 'kafkajs';
import { parseTestEnv, uniqueName } from '@sanshe/testing';

const env = parseTestEnv(process.env);
/** How long the consumer may take to read what was produced before the test fails, rather than hangs. */
const READ_TIMEOUT_MS = 20_000;

describe('Kafka (the real broker infra/local runs)', () => {
  const kafka = new Kafka({ clientId: 'smoke', brokers: env.KAFKA_BROKERS, logLevel: logLevel.WARN });

  /** Every message on `topic`, from the beginning to the high-water marks; fails after READ_TIMEOUT_MS. */
  async function readToHighWaterMarks(topic: string): Promise<{ key: string; value: string }[]> {
    const admin = kafka.admin();
    await admin.connect();
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect())).map((p) => [
        p.partition,
        Number(p.high),
      ]),
    );
    const unread = new Set([...ends].filter(([, end]) => end > 0).map(([partition]) => partition));
    const received: { key: string; value: string }[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `Kafka at ${env.KAFKA_BROKERS.join(',')} delivered ${received.length} messages of ${topic} in ` +
                  `${READ_TIMEOUT_MS} ms, and partitions ${[...unread].join(', ')} not to their high-water marks`,
              ),
            ),
          READ_TIMEOUT_MS,
        );
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition) ?? 0;
            if (Number(message.offset) >= end) return;
            received.push({ key: String(message.key), value: String(message.value) });
            if (Number(message.offset) + 1 >= end) unread.delete(partition);
            if (unread.size === 0) resolve();
          },
        });
      });
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return received;
  }

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

    const received = await readToHighWaterMarks(topic);

    expect(received).toHaveLength(sent.length); // read to the marks: a duplicate would show here
    for (const key of ['aggregate-0', 'aggregate-1', 'aggregate-2']) {
      expect(received.filter((m) => m.key === key)).toEqual(sent.filter((m) => m.key === key));
    }
  });
});
