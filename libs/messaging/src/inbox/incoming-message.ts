import type { IHeaders } from 'kafkajs';

/** Where a message came from, as its handler learns it. */
export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
  /**
   * The Kafka record's timestamp, in ms since the epoch, as kafkajs gives it: the producer's clock, or
   * the broker's append time on a topic with `message.timestamp.type=LogAppendTime`.
   */
  timestamp: string;
  /**
   * The broker's append time (ms since the epoch), set only when the topic's `message.timestamp.type`
   * is LogAppendTime: then the broker, not the producer, wrote `timestamp`. On a CreateTime topic the
   * producer chose `timestamp` and could have forged it, so this stays undefined.
   */
  brokerTime?: number;
}

/** A Kafka message as the inbox sees it: where it came from, and its raw key and value. */
export interface IncomingMessage extends Delivery {
  key: Buffer | string | null;
  value: Buffer | string | null;
  /** The record's headers: a relay's `traceparent` (the producer span the consumer's span continues). */
  headers?: IHeaders;
}

/** What became of a message: applied, already applied before, not for this consumer, or dead-lettered. */
export type Outcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';
