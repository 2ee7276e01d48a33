import { type Admin, ConfigResourceTypes, ConfigSource } from 'kafkajs';

const TIMESTAMP_TYPE = 'message.timestamp.type';
const LOG_APPEND_TIME = 'LogAppendTime';

/**
 * The topic config every topic the platform creates gets: the broker stamps each record with its own
 * append time, which a producer cannot forge (it can set CreateTime to anything).
 */
export const BROKER_TIME_TOPIC_CONFIG = [{ name: TIMESTAMP_TYPE, value: LOG_APPEND_TIME }];

/** Per topic: whether its records carry the broker's append time. */
async function describeTimestampTypes(admin: Admin, topics: string[]): Promise<Map<string, boolean>> {
  const { resources } = await admin.describeConfigs({
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: [TIMESTAMP_TYPE] })),
    includeSynonyms: false,
  });
  return new Map(
    resources.map((r) => [
      r.resourceName,
      r.configEntries.some((e) => e.configName === TIMESTAMP_TYPE && e.configValue === LOG_APPEND_TIME),
    ]),
  );
}

/**
 * Sets `message.timestamp.type=LogAppendTime` on those of `topics` that still use CreateTime (created
 * before the platform asked for broker time, or by hand); returns the topics it changed. Kafka's
 * AlterConfigs (what kafkajs sends) replaces a topic's whole set of overrides, so the topic's other
 * overrides (retention.ms, say) are sent along unchanged.
 */
export async function useBrokerTime(admin: Admin, topics: string[]): Promise<string[]> {
  if (topics.length === 0) return [];
  const logAppendTime = await describeTimestampTypes(admin, topics);
  const stale = topics.filter((topic) => logAppendTime.get(topic) === false);
  if (stale.length === 0) return [];
  const { resources } = await admin.describeConfigs({
    resources: stale.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    includeSynonyms: false,
  });
  await admin.alterConfigs({
    validateOnly: false,
    resources: resources.map((r) => ({
      type: ConfigResourceTypes.TOPIC,
      name: r.resourceName,
      configEntries: [
        ...r.configEntries
          .filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== TIMESTAMP_TYPE)
          .map((e) => ({ name: e.configName, value: e.configValue })),
        ...BROKER_TIME_TOPIC_CONFIG,
      ],
    })),
  });
  return stale;
}

/**
 * Which of a consumer's topics carry the broker's append time, read once per topic with
 * describeConfigs and kept. A lookup that failed is not kept: the next batch of that topic asks again.
 */
export class BrokerTimeTopics {
  private readonly known = new Map<string, Promise<boolean>>();

  constructor(private readonly admin: () => Admin) {}

  /** Reads `topics` in one request (when the consumer subscribes). */
  prefetch(topics: string[]): Promise<void> {
    const fresh = topics.filter((topic) => !this.known.has(topic));
    if (fresh.length === 0) return Promise.resolve();
    const types = this.withAdmin((admin) => describeTimestampTypes(admin, fresh));
    // Each topic's lookup is kept (or dropped on failure) by remember(); the caller awaits `types`.
    for (const topic of fresh)
      void this.remember(
        topic,
        types.then((found) => found.get(topic) ?? false),
      );
    return types.then(() => undefined);
  }

  /** Whether `topic`'s record timestamps are the broker's append time. */
  isBrokerTime(topic: string): Promise<boolean> {
    const known = this.known.get(topic);
    if (known) return known;
    return this.remember(
      topic,
      this.withAdmin((admin) => describeTimestampTypes(admin, [topic])).then((found) => found.get(topic) ?? false),
    );
  }

  private remember(topic: string, lookup: Promise<boolean>): Promise<boolean> {
    this.known.set(topic, lookup);
    lookup.catch(() => this.known.delete(topic));
    return lookup;
  }

  private async withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
