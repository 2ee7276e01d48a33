import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { retryWithBackoff } from '@sanshe/common';

/**
 * Reading a topic to the high-water marks taken when called: what tests, the chaos oracle and operators'
 * tools use to see everything on a topic (a duplicate or an extra record shows), never "until N records".
 */

export interface TopicRecord {
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Each partition's high-water mark now, or none if the topic does not exist (yet). */
export async function highWaterMarks(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Map<number, number>> {
  const giveUpAt = Date.now() + timeoutMs;
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return new Map();
    // Right after a broker restart a partition may have no leader yet: ask again, within timeoutMs.
    const offsets = await retryWithBackoff(() => admin.fetchTopicOffsets(topic), {
      initialDelayMs: 200,
      maxDelayMs: 2_000,
      stop: () => Date.now() > giveUpAt,
    });
    return new Map(offsets.map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every record of `topic` from `from` (per partition; the beginning by default) up to the high-water
 * marks taken when called: never "until N records", so a duplicate or an extra record shows.
 */
export async function readToHighWaterMarks(
  kafka: Kafka,
  topic: string,
  from: Map<number, number> = new Map(),
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<TopicRecord[]> {
  const ends = await highWaterMarks(kafka, topic, timeoutMs);
  const remaining = new Map([...ends].filter(([partition, high]) => high > (from.get(partition) ?? 0)));
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `sanshe-topic-reader-${randomUUID()}` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: not read to its high-water marks in ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          const end = remaining.get(partition);
          if (end === undefined || offset >= end) return;
          if (offset >= (from.get(partition) ?? 0)) {
            records.push({
              partition,
              offset,
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
              ),
            });
          }
          if (offset + 1 >= end) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
