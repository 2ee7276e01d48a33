import type { Admin } from 'kafkajs';
import { errorMessage, sleep } from '@sanshe/common';
import { BROKER_TIME_TOPIC_CONFIG, useBrokerTime } from './broker-time';

/**
 * Creates those of `topics` that do not exist yet (LogAppendTime, waiting for their leaders), and sets
 * LogAppendTime on those that do and still use CreateTime — where that is refused (no ALTER_CONFIGS right),
 * it logs and carries on. The body of ensureTopics, for callers that hold an admin client already.
 */
export async function createMissingTopics(
  admin: Admin,
  topics: string[],
  numPartitions: number,
  log: (message: string) => void,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await admin
      .createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions, configEntries: BROKER_TIME_TOPIC_CONFIG })),
        waitForLeaders: true,
      })
      .catch((err: unknown) => untilKnown(admin, missing, err));
  }
  const older = topics.filter((topic) => existing.has(topic));
  if (older.length === 0) return;
  await useBrokerTime(admin, older).then(
    (changed) => changed.length > 0 && log(`set message.timestamp.type=LogAppendTime on ${changed.join(', ')}`),
    (err: unknown) => log(`could not set LogAppendTime on ${older.join(', ')}: ${errorMessage(err)}`),
  );
}

const kafkaErrorType = (err: unknown): string | undefined => {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { type } = e as Error & { type?: unknown };
    if (typeof type === 'string') return type;
  }
  return undefined;
};

/**
 * kafkajs waits for new topics' leaders by asking for their metadata, and retries only LEADER_NOT_AVAILABLE; a
 * KRaft broker can first answer UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created ("does not host this
 * topic-partition": services' boots and tests failed on it, several times a day on a busy broker). The topics
 * were created: wait, bounded, until the broker knows them. Any other error is the caller's.
 */
async function untilKnown(admin: Admin, topics: string[], err: unknown): Promise<void> {
  if (kafkaErrorType(err) !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
  const giveUpAt = Date.now() + 15_000;
  for (;;) {
    await sleep(250);
    try {
      await admin.fetchTopicMetadata({ topics });
      return;
    } catch (again) {
      if (kafkaErrorType(again) !== 'UNKNOWN_TOPIC_OR_PARTITION' || Date.now() > giveUpAt) throw again;
    }
  }
}
