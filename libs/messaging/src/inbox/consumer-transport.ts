import { Logger } from '@nestjs/common';
import { EventPattern, type KafkaOptions, type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { asEndpoint, type KafkaClientSecurity, kafkaClientConfig, type KafkaEndpoint } from '../kafka-client';
import { kafkaLogCreator } from '../kafka-log';
import { InboxKafkaServer } from './inbox-kafka-server';
import { topicOnWire } from '../topic-names';
import { createMissingTopics } from './topic-setup';

export { BROKER_TIME_TOPIC_CONFIG, useBrokerTime } from './broker-time';
export { LiveTopics } from './live-topics';

/**
 * Options for `app.connectMicroservice(...)`: Nest's Kafka transport (as InboxKafkaServer, which hands
 * a partition's messages over without waiting for each to finish) set up for the inbox —
 * offsets committed by InboxService after each event's transaction (never automatically), the raw
 * value kept so that the inbox validates it, partitions consumed in parallel so one slow key does not
 * hold the others, and the group id exactly as given (Nest would add "-server"). Fetches wait at
 * most 1 s for data (kafkajs: 5 s): disconnecting waits for the current fetch, and on shutdown
 * InboxService pauses every topic, which makes kafkajs sleep that long instead of fetching.
 */
export function kafkaConsumerTransport(options: {
  brokers: string[];
  /** SASL login and TLS; unset = PLAINTEXT without a login. */
  security?: KafkaClientSecurity;
  /** Put before every topic the consumer subscribes to or creates (KAFKA_TOPIC_PREFIX); handlers see none. */
  topicPrefix?: string;
  clientId: string;
  groupId: string;
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts (an existing group resumes from its committed offsets). Default: the beginning. */
  fromBeginning?: boolean;
  /**
   * Messages of one partition handed over before the earlier ones finished (200 by default), so that
   * InboxService can apply them in batches (see its `batchMaxSize`). 1 = one message at a time.
   */
  maxInFlightPerPartition?: number;
  /**
   * How long the group waits for a heartbeat before it evicts the consumer (kafkajs: 30 s). A partition
   * waiting for a retry does not hold up heartbeats (InboxService pauses it), and a batch in progress
   * sends them on a timer (InboxKafkaServer), so this need cover neither outages nor slow handlers.
   */
  sessionTimeout?: number;
}): MicroserviceOptions {
  const kafkaOptions: Required<KafkaOptions>['options'] = {
    postfixId: '',
    client: kafkaClientConfig(options, { clientId: options.clientId, logCreator: kafkaLogCreator() }), // fields, not a string
    consumer: {
      groupId: options.groupId,
      allowAutoTopicCreation: true,
      retry: { retries: 10 },
      maxWaitTimeInMs: 1_000,
      ...(options.sessionTimeout === undefined ? {} : { sessionTimeout: options.sessionTimeout }),
    },
    subscribe: { fromBeginning: options.fromBeginning ?? true },
    run: { autoCommit: false, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3 },
    parser: { keepBinary: true },
  };
  const maxInFlight = Math.max(1, options.maxInFlightPerPartition ?? 200);
  return { strategy: new InboxKafkaServer(kafkaOptions, maxInFlight, options.topicPrefix) };
}

/** Marks the method that receives every message of `topic` (hand each to InboxService.consume). */
export const ConsumeTopic = (topic: string | string[]): MethodDecorator =>
  EventPattern<string | string[]>(topic, Transport.KAFKA);

/**
 * Creates the topics a consumer subscribes to if they do not exist yet, and waits for their leaders.
 * Subscribing to a topic nobody has written to fails at start-up ("This server does not host this
 * topic-partition") even with auto-creation on, and a portal's command topic may well be empty.
 * Topics get `message.timestamp.type=LogAppendTime` (BROKER_TIME_TOPIC_CONFIG); an existing one that
 * still uses CreateTime is changed to it, so that handlers learn the broker's time (Delivery.brokerTime).
 * Where that is not allowed (no ALTER_CONFIGS right on a managed cluster), it warns and carries on:
 * that topic's handlers then get no brokerTime. `topics` are logical names: the endpoint's topicPrefix goes before each.
 */
export async function ensureTopics(
  brokers: string[] | KafkaEndpoint,
  topics: string[],
  numPartitions = 3,
  log: (message: string) => void = (message) => new Logger('Kafka').warn(message),
): Promise<void> {
  const endpoint = asEndpoint(brokers);
  const admin = new Kafka(
    kafkaClientConfig(endpoint, { clientId: 'sanshe-topic-setup', logLevel: logLevel.NOTHING }),
  ).admin();
  const onWire = topics.map((topic) => topicOnWire(endpoint.topicPrefix, topic));
  await admin.connect();
  try {
    await createMissingTopics(admin, onWire, numPartitions, log);
  } finally {
    await admin.disconnect();
  }
}
