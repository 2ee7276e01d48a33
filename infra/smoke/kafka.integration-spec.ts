import { logLevel } from 'kafkajs';
import { readToHighWaterMarks } from '@sanshe/messaging';
import { testKafka, uniqueName } from '@sanshe/testing';

/** How long the consumer may take to read what was produced before the test fails, rather than hangs. */
const READ_TIMEOUT_MS = 20_000;

describe('Kafka (the real broker infra/local runs)', () => {
  const kafka = testKafka('smoke', { logLevel: logLevel.WARN });

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

    const received = (await readToHighWaterMarks(kafka, topic, new Map(), { timeoutMs: READ_TIMEOUT_MS })).map(
      ({ key, value }) => ({ key, value }),
    );

    expect(received).toHaveLength(sent.length); // read to the marks: a duplicate would show here
    for (const key of ['aggregate-0', 'aggregate-1', 'aggregate-2']) {
      expect(received.filter((m) => m.key === key)).toEqual(sent.filter((m) => m.key === key));
    }
  });
});
