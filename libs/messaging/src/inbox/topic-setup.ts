import type { Admin } from 'kafkajs';
import { errorMessage } from '@sanshe/common';
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
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions, configEntries: BROKER_TIME_TOPIC_CONFIG })),
      waitForLeaders: true,
    });
  }
  const older = topics.filter((topic) => existing.has(topic));
  if (older.length === 0) return;
  await useBrokerTime(admin, older).then(
    (changed) => changed.length > 0 && log(`set message.timestamp.type=LogAppendTime on ${changed.join(', ')}`),
    (err: unknown) => log(`could not set LogAppendTime on ${older.join(', ')}: ${errorMessage(err)}`),
  );
}
