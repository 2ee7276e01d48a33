import type { Kafka } from 'kafkajs';

/**
 * Commits a new consumer group's offsets at the topics' current ends before the process under test joins
 * it: the process reads exactly what the test publishes from then on — not the topics' history, and not
 * racing its own partition assignment. One short-lived member joins once for every topic (admin.setOffsets
 * would join once per topic), resolves nothing, and commits the ends. The topics must exist.
 */
export async function startGroupAtTopicEnds(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  // Its fetches wait at most 100 ms for data (kafkajs: 5 s): disconnecting waits for the fetch in flight, which at
  // the topics' ends has nothing to return and took the full 5 s, every time.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: false });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    const admin = kafka.admin();
    await admin.connect();
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, ends: await admin.fetchTopicOffsets(topic) })),
    );
    await admin.disconnect();
    await consumer.commitOffsets(
      ends.flatMap(({ topic, ends: partitions }) =>
        partitions.map(({ partition, high }) => ({ topic, partition, offset: high })),
      ),
    );
  } finally {
    await consumer.disconnect();
  }
}
