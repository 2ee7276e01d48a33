import type { InboxProcessorOptions } from './inbox/inbox-processor';
import type { InboxPruneOptions } from './inbox/inbox-pruner';
import type { OutboxRelayOptions } from './outbox/outbox-relay';
import type { OutboxWriterOptions } from './outbox/outbox-writer';

/** The consuming side's options: the processor's, how offsets are committed, and the inbox's retention. */
export interface InboxOptions extends Omit<InboxProcessorOptions, 'schema' | 'log'>, InboxPruneOptions {
  /** Offsets are committed at most this long after their event is applied (100 ms by default)… */
  commitIntervalMs?: number;
  /** …or as soon as this many messages wait for a commit (500 by default). */
  commitMaxPending?: number;
  /** On shutdown, how long to wait for in-flight messages before committing anyway (10 s by default). */
  drainTimeoutMs?: number;
  /**
   * At most this many messages of one partition share an inbox transaction (100 by default; 1 = one
   * transaction per message). A batch holds what the transport handed over while the previous one ran.
   */
  batchMaxSize?: number;
}

/** MessagingModule.forRoot's options: what a service publishes, and whether and how it consumes. */
export interface MessagingOptions {
  /** The service's schema, where its outbox and inbox tables are. */
  schema: string;
  /** CloudEvents `source` for what this service publishes, e.g. `sanshe/organization`. */
  source: string;
  relay?: Omit<OutboxRelayOptions, 'schema' | 'log'> & { enabled?: boolean };
  topicFor?: OutboxWriterOptions['topicFor'];
  /** Set when the service consumes: its consumer group, inbox name and dead-letter topic suffix. */
  consumer?: InboxOptions;
}

/** The injection token of the MessagingOptions given to MessagingModule.forRoot. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
