import { randomUUID } from 'node:crypto';
import type { EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { errorMessage, retryWithBackoff } from '@sanshe/common';

/** Per topic, per partition: an offset (a high-water mark, or where a read starts). */
export type TopicOffsets = Map<string, Map<number, number>>;

export interface ScannedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Asks again with backoff until `timeoutMs`: a broker just restarted may have leaderless partitions. */
async function withDeadline<T>(what: string, timeoutMs: number, attempt: (giveUpAt: number) => Promise<T>) {
  const giveUpAt = Date.now() + timeoutMs;
  try {
    return await retryWithBackoff(() => attempt(giveUpAt), {
      initialDelayMs: 200,
      maxDelayMs: 2_000,
      stop: () => Date.now() > giveUpAt,
    });
  } catch (err) {
    throw new Error(`${what}: gave up after ${timeoutMs} ms: ${errorMessage(err)}`, { cause: err });
  }
}

/** Topics per admin client in `topicEnds`: see there. */
const TOPICS_PER_ADMIN = 40;

async function endsOf(kafka: Kafka, topics: string[]): Promise<[string, Map<number, number>][]> {
  const admin = kafka.admin(); // a new one each try: no broker pool left in a bad state by the last
  try {
    await admin.connect();
    const offsets = await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
    return topics.map((topic, i) => [topic, new Map(offsets[i].map((p) => [p.partition, Number(p.high)]))]);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The high-water marks of every topic whose name starts with `prefix`. An admin client refreshes its metadata
 * for all the topics it has asked about so far whenever it asks about a new one, so one client over n topics
 * sends n ever larger requests (12 s for 650 topics, a new client per topic 60 s): each client here asks
 * about a few dozen, all at once.
 */
export function topicEnds(kafka: Kafka, prefix: string, timeoutMs = 30_000): Promise<TopicOffsets> {
  return withDeadline(`${prefix}* high-water marks`, timeoutMs, async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    const matching = topics.filter((topic) => topic.startsWith(prefix));
    const chunks = Array.from({ length: Math.ceil(matching.length / TOPICS_PER_ADMIN) }, (_, i) =>
      matching.slice(i * TOPICS_PER_ADMIN, (i + 1) * TOPICS_PER_ADMIN),
    );
    return new Map((await Promise.all(chunks.map((chunk) => endsOf(kafka, chunk)))).flat());
  });
}

const toRecord = (topic: string, partition: number, message: KafkaMessage): ScannedRecord => ({
  topic,
  partition,
  offset: Number(message.offset),
  key: message.key?.toString() ?? '',
  value: message.value?.toString() ?? '',
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
});

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** One read of every partition in `remaining` by ONE new consumer group, keeping what is at or after `from`. */
async function scanOnce(kafka: Kafka, from: TopicOffsets, ends: TopicOffsets, giveUpAt: number) {
  const remaining = new Map<string, number>();
  const topics = new Set<string>();
  for (const [topic, marks] of ends) {
    for (const [partition, end] of marks) {
      if (end <= (from.get(topic)?.get(partition) ?? 0)) continue;
      remaining.set(partitionKey(topic, partition), end);
      topics.add(topic);
    }
  }
  const records: ScannedRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `sanshe-topic-scan-${randomUUID()}` });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('not read to the high-water marks in time')), giveUpAt - Date.now());
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      const eachMessage = async ({ topic, partition, message }: EachMessagePayload) => {
        const key = partitionKey(topic, partition);
        const end = remaining.get(key);
        const offset = Number(message.offset);
        if (end === undefined || offset >= end) return;
        if (offset >= (from.get(topic)?.get(partition) ?? 0)) records.push(toRecord(topic, partition, message));
        if (offset + 1 >= end) remaining.delete(key);
        if (remaining.size === 0) resolve();
      };
      consumer
        .connect()
        .then(() => consumer.subscribe({ topics: [...topics], fromBeginning: true }))
        .then(() => consumer.run({ partitionsConsumedConcurrently: 4, eachMessage }))
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
  return records;
}

/**
 * Every record on the topics of `ends` from `from` (a topic or partition missing from `from`: from its
 * beginning) up to `ends`, the high-water marks taken before: never "until N records". One consumer group
 * reads every topic at once (one group join, not one per topic); a failed read is read again from the start.
 */
export async function readTopicsToHighWaterMarks(
  kafka: Kafka,
  from: TopicOffsets,
  ends: TopicOffsets,
  timeoutMs = 60_000,
): Promise<ScannedRecord[]> {
  const records = await withDeadline('read to the high-water marks', timeoutMs, (giveUpAt) =>
    scanOnce(kafka, from, ends, giveUpAt),
  );
  return records.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset);
}
