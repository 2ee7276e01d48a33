/** A Kafka message as the inbox sees it: where it came from, and its raw key and value. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
}

/** What became of a message: applied, already applied before, not for this consumer, or dead-lettered. */
export type Outcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';
