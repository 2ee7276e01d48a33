import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@sanshe/contracts';
import { topicOnWire } from '../topic-names';

/**
 * Headers of the marker record `npm run dlq -- replay` appends to the dead-letter topic after it has
 * re-published a dead letter: a record on Kafka cannot be changed, and a marker next to the dead
 * letters lives as long as they do and is seen by whoever reads the topic, with no other store
 * (a tool consumer group would only remember a position, not which records were replayed).
 */
export const DEAD_LETTER_REPLAY_HEADERS = {
  replayOf: 'sanshe-dlq-replay-of',
  replayedAt: 'sanshe-dlq-replayed-at',
} as const;

/** A record of a dead-letter topic, with where it came from, why, and whether it was replayed. */
export interface DeadLetter {
  /** `<partition>:<offset>` on the dead-letter topic. */
  position: string;
  partition: number;
  offset: string;
  /** Milliseconds since the epoch, as Kafka stamped it. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  originalTopic: string;
  originalPartition: string;
  originalOffset: string;
  attempts: string;
  reason: string;
  /** The CloudEvents identity, when the value parses as JSON. */
  event?: { type?: string; source?: string; id?: string };
  replayedAt?: string;
}

const headerText = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(String).join(',') : String(value ?? ''),
    ]),
  );

function eventIdentity(value: Buffer | null): DeadLetter['event'] {
  try {
    const event = JSON.parse(String(value)) as Record<string, unknown>;
    const text = (field: string) => (typeof event[field] === 'string' ? (event[field] as string) : undefined);
    return typeof event === 'object' && event
      ? { type: text('type'), source: text('source'), id: text('id') }
      : undefined;
  } catch {
    return undefined;
  }
}

function toDeadLetter(partition: number, message: KafkaMessage): DeadLetter {
  const headers = headerText(message.headers);
  return {
    position: `${partition}:${message.offset}`,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key,
    value: message.value,
    headers,
    originalTopic: headers[DEAD_LETTER_HEADERS.originalTopic] ?? '',
    originalPartition: headers[DEAD_LETTER_HEADERS.originalPartition] ?? '',
    originalOffset: headers[DEAD_LETTER_HEADERS.originalOffset] ?? '',
    attempts: headers[DEAD_LETTER_HEADERS.attempts] ?? '',
    reason: headers[DEAD_LETTER_HEADERS.error] ?? '',
    event: eventIdentity(message.value),
  };
}

/** The dead letters of a topic's records, each marked with when it was replayed, in partition and offset order. */
export function foldDeadLetters(records: { partition: number; message: KafkaMessage }[]): DeadLetter[] {
  const replayedAt = new Map<string, string>();
  const letters: DeadLetter[] = [];
  for (const { partition, message } of records) {
    const headers = headerText(message.headers);
    const replayOf = headers[DEAD_LETTER_REPLAY_HEADERS.replayOf];
    if (replayOf) replayedAt.set(replayOf, headers[DEAD_LETTER_REPLAY_HEADERS.replayedAt] ?? 'yes');
    else letters.push(toDeadLetter(partition, message));
  }
  return letters
    .map((letter) => ({ ...letter, replayedAt: replayedAt.get(letter.position) }))
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/**
 * Reads a consumer group's dead-letter topic from its beginning to the high-water marks taken at the
 * start (so it never waits for a count), within `timeoutMs`. A missing topic has no dead letters. The topic is
 * the group's with `topicPrefix` (KAFKA_TOPIC_PREFIX) before it.
 */
export async function readDeadLetters(
  kafka: Kafka,
  consumerGroup: string,
  timeoutMs = 30_000,
  topicPrefix = '',
): Promise<DeadLetter[]> {
  const topic = topicOnWire(topicPrefix, deadLetterTopic(consumerGroup));
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]),
    );
    if (ends.size === 0) return [];
    const groupId = `sanshe-tool.dlq-reader-${randomUUID()}`; // the tools user's groups (acls.json)
    try {
      return foldDeadLetters(await readUntil(kafka, topic, groupId, ends, timeoutMs));
    } finally {
      await admin.deleteGroups([groupId]).catch(() => undefined); // best effort: it committed nothing
    }
  } finally {
    await admin.disconnect();
  }
}

async function readUntil(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ends: Map<number, bigint>,
  timeoutMs: number,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const records: { partition: number; message: KafkaMessage }[] = [];
  const pending = new Set(ends.keys());
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${topic}: not read to its end within ${timeoutMs} ms (${records.length} records)`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            records.push({ partition, message });
            if (BigInt(message.offset) + 1n >= end) pending.delete(partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return records;
}
