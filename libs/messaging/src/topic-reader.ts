import { randomUUID } from 'node:crypto';
import type { EachMessageHandler, Kafka, KafkaMessage } from 'kafkajs';
import { errorMessage, retryWithBackoff } from '@sanshe/common';

/**
 * Reading a topic to the high-water marks taken when called: what tests, the chaos oracle and operators'
 * tools use to see everything on a topic (a duplicate or an extra record shows), never "until N records".
 *
 * Both steps ask again, with backoff, until their deadline: right after a broker fault a partition may
 * have no leader, and kafkajs's `admin.listTopics()` throws a TypeError ("Cannot destructure property
 * 'topicMetadata' … as it is null") when its metadata request for all topics fails: no answer, or any
 * partition of any topic reporting an error. Its broker pool swallows that error and returns null, so
 * kafkajs's own retry never sees it. A step that still fails at its deadline throws an error naming the
 * topic, how long it tried and the last failure.
 */

export interface TopicRecord {
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Calls `attempt` until it resolves or `timeoutMs` has passed (the last try may end a little later). */
async function untilDeadline<T>(what: string, timeoutMs: number, attempt: (giveUpAt: number) => Promise<T>) {
  const giveUpAt = Date.now() + timeoutMs;
  let tries = 0;
  try {
    return await retryWithBackoff(
      () => {
        tries++;
        return attempt(giveUpAt);
      },
      { initialDelayMs: 200, maxDelayMs: 2_000, stop: () => Date.now() >= giveUpAt },
    );
  } catch (err) {
    throw new Error(`${what}: gave up after ${timeoutMs} ms (${tries} tries): ${errorMessage(err)}`, { cause: err });
  }
}

async function highWaterMarksOnce(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin(); // a new one each try: no broker pool left in a bad state by the last
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return new Map();
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Each partition's high-water mark now, or none if the topic does not exist (yet). */
export function highWaterMarks(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Map<number, number>> {
  return untilDeadline(`${topic}: high-water marks`, timeoutMs, () => highWaterMarksOnce(kafka, topic));
}

const toRecord = (partition: number, message: KafkaMessage): TopicRecord => ({
  partition,
  offset: Number(message.offset),
  key: message.key?.toString() ?? '',
  value: message.value?.toString() ?? '',
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
});

/**
 * One read by a new consumer group from the beginning to `ends`, keeping what is at or after `from`. Fails
 * at once if the consumer crashes without restarting itself (the caller then reads again), or at `giveUpAt`.
 */
async function readOnce(
  kafka: Kafka,
  topic: string,
  from: Map<number, number>,
  ends: Map<number, number>,
  giveUpAt: number,
): Promise<TopicRecord[]> {
  const remaining = new Map([...ends].filter(([partition, high]) => high > (from.get(partition) ?? 0)));
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `sanshe-topic-reader-${randomUUID()}` });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // + 1 ms: a timer may fire a millisecond early by the wall clock, and a try that gave up at the
      // deadline must be the last (untilDeadline stops at giveUpAt), not start another.
      timer = setTimeout(
        () => reject(new Error('not read to its high-water marks in time')),
        Math.max(giveUpAt - Date.now(), 0) + 1,
      );
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      const eachMessage: EachMessageHandler = async ({ partition, message }) => {
        const offset = Number(message.offset);
        const end = remaining.get(partition);
        if (end === undefined || offset >= end) return;
        if (offset >= (from.get(partition) ?? 0)) records.push(toRecord(partition, message));
        if (offset + 1 >= end) remaining.delete(partition);
        if (remaining.size === 0) resolve();
      };
      consumer
        .connect()
        .then(() => consumer.subscribe({ topic, fromBeginning: true }))
        .then(() => consumer.run({ eachMessage }))
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/**
 * Every record of `topic` from `from` (per partition; the beginning by default) up to the high-water
 * marks taken when called: never "until N records", so a duplicate or an extra record shows. Taking the
 * marks and reading up to them each have `timeoutMs`; a failed read is read again from the start.
 */
export async function readToHighWaterMarks(
  kafka: Kafka,
  topic: string,
  from: Map<number, number> = new Map(),
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<TopicRecord[]> {
  const ends = await highWaterMarks(kafka, topic, timeoutMs);
  return untilDeadline(`${topic}: read to its high-water marks`, timeoutMs, (giveUpAt) =>
    readOnce(kafka, topic, from, ends, giveUpAt),
  );
}
