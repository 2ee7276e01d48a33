import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import type { PortalTransport, Reading } from './portal-transport';

/** Where the broker is and how to log in (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL*: main.ts reads them). */
export type KafkaSettings = Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>;

/**
 * The portal's side of Kafka with kafkajs: an admin to see which topics exist and where they end, a producer
 * for its commands topic, and a consumer per reading in a consumer group of its own (a new id each time, so
 * no offsets are shared with anyone; as a portal it may join groups named for it only on a secured broker:
 * see docs/portals.md). Topics are named as the contracts name them; the broker's carry `topicPrefix` before
 * them (KAFKA_TOPIC_PREFIX, as the services run with: docs/events.md, "Topic prefix"), added and taken off here.
 */
export class KafkaPortalTransport implements PortalTransport {
  private readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;
  private readonly readings = new Set<Reading>();

  constructor(
    settings: KafkaSettings,
    private readonly groupPrefix: string,
    private readonly topicPrefix = '',
  ) {
    this.kafka = new Kafka({ ...settings, clientId: groupPrefix, logLevel: logLevel.NOTHING });
  }

  private readonly onWire = (topic: string) => `${this.topicPrefix}${topic}`;
  private readonly logical = (topic: string) =>
    topic.startsWith(this.topicPrefix) ? topic.slice(this.topicPrefix.length) : topic;

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async existingTopics(topics: string[]): Promise<string[]> {
    const known = new Set(await (await this.connectedAdmin()).listTopics());
    return topics.filter((topic) => known.has(this.onWire(topic)));
  }

  async read(topics: string[], from: 'beginning' | 'end', onRecord: (topic: string, value: string) => void) {
    const ends = from === 'end' ? await this.ends(topics) : [];
    const consumer = this.kafka.consumer({
      groupId: `${this.groupPrefix}-${randomUUID()}`,
      allowAutoTopicCreation: false,
      // Stopping waits for the fetch in flight: with kafkajs' 5 s long poll every run ended up to 5 s late.
      maxWaitTimeInMs: 200,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map(this.onWire), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (message.value) onRecord(this.logical(topic), message.value.toString());
      },
    });
    // Applied when the partitions are assigned: from where each ended before anything was sent.
    for (const end of ends) consumer.seek(end);
    const reading: Reading = {
      stop: async () => {
        this.readings.delete(reading);
        await consumer.disconnect().catch(() => undefined);
      },
    };
    this.readings.add(reading);
    return reading;
  }

  private async ends(topics: string[]) {
    const admin = await this.connectedAdmin();
    const perTopic = await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(this.onWire(topic))).map((p) => ({
          topic: this.onWire(topic),
          partition: p.partition,
          offset: p.high,
        })),
      ),
    );
    return perTopic.flat();
  }

  async send(topic: string, key: string, value: string): Promise<void> {
    if (!this.producer) {
      // Idempotent, as the services' producers: a retried send is written once.
      const producer = this.kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
    }
    await this.producer.send({ topic: this.onWire(topic), messages: [{ key, value }] });
  }

  async close(): Promise<void> {
    await Promise.all([...this.readings].map((reading) => reading.stop()));
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }
}
