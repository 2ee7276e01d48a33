import type { KafkaConfig } from 'kafkajs';

/**
 * How a client logs in and encrypts (kafkajs' `sasl` and `ssl`); none = PLAINTEXT without a login, today's
 * local broker. Apps build it from their settings with @sanshe/config's kafkaClientSecurity.
 */
export type KafkaClientSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** Where the cluster is and how to log in to it. */
export interface KafkaEndpoint {
  brokers: string[];
  security?: KafkaClientSecurity;
  /** Put before every topic name on the wire (KAFKA_TOPIC_PREFIX; topic-names.ts); unset = none. */
  topicPrefix?: string;
}

/** The one place this library's kafkajs clients get their brokers and security from. */
export function kafkaClientConfig(
  endpoint: KafkaEndpoint,
  options: Omit<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>,
): KafkaConfig {
  return { ...options, brokers: endpoint.brokers, ...endpoint.security }; // the topic prefix is not kafkajs'
}

/** A list of brokers alone (PLAINTEXT) or a whole endpoint: what the helpers taking "brokers" accept. */
export const asEndpoint = (target: string[] | KafkaEndpoint): KafkaEndpoint =>
  Array.isArray(target) ? { brokers: target } : target;
