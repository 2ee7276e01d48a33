import type { Producer } from 'kafkajs';
import { type Backoff, backoffDelay, errorMessage } from '@sanshe/common';
import { topicOnWire } from '../topic-names';

export interface OutboxRow {
  position: string;
  topic: string;
  partition_key: string;
  payload: string;
  /** The stored event's `traceparent`, selected only while tracing (outbox-tracing.ts). */
  traceparent?: string | null;
  /** Headers of its record beside the content type: its producer span's `traceparent`. */
  headers?: Record<string, string>;
}

/** One topic's part of a round: its rows' positions, and why the broker refused them, if it did. */
export interface TopicSend {
  topic: string;
  positions: string[];
  refusal?: string;
}

/**
 * The broker's answers that concern one topic, not the connection: no ACL lets this client write it, or it
 * does not exist (the broker creates none). Another topic of the same round may well be written.
 */
const TOPIC_REFUSALS = new Set(['TOPIC_AUTHORIZATION_FAILED', 'UNKNOWN_TOPIC_OR_PARTITION']);

/** The Kafka error code a failed send ends with (kafkajs wraps the broker's as a cause), if it is a topic's. */
export function topicRefusalOf(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { type } = e as Error & { type?: unknown };
    if (typeof type === 'string' && TOPIC_REFUSALS.has(type)) return `${type}: ${errorMessage(err)}`;
  }
  return undefined;
}

/**
 * Sends each topic's rows as a batch of its own (structured CloudEvents: the whole event is the value, the
 * key the aggregate id), so a topic the broker refuses fails alone: one portal's unwritable replies topic no
 * longer holds back every other event. Any other failure (the broker unreachable, a timeout) rejects. A row holds
 * its topic's logical name; it is sent to that name with `topicPrefix` before it. Refusals name the logical topic.
 */
export async function sendPerTopic(producer: Producer, rows: OutboxRow[], topicPrefix = ''): Promise<TopicSend[]> {
  const byTopic = new Map<string, OutboxRow[]>();
  for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
  const sends = [...byTopic].map(async ([topic, topicRows]): Promise<TopicSend> => {
    const positions = topicRows.map((r) => r.position);
    const messages = topicRows.map((row) => ({
      key: row.partition_key,
      value: row.payload,
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ...row.headers },
    }));
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: topicOnWire(topicPrefix, topic), messages }] });
      return { topic, positions };
    } catch (err) {
      const refusal = topicRefusalOf(err);
      if (refusal === undefined) throw err;
      return { topic, positions, refusal };
    }
  });
  return Promise.all(sends);
}

/** A refused topic is tried again after 1, 2, 4 … s, at most every 30 s; its rows wait, the others go out. */
const REFUSED_TOPIC_BACKOFF: Backoff = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

export interface RefusedTopic {
  topic: string;
  reason: string;
  since: Date;
  attempts: number;
  retryAt: number;
}

/** The topics the broker refuses, each with its own backoff (shown on /health, logged when it changes). */
export class RefusedTopics {
  private readonly refused = new Map<string, RefusedTopic>();

  constructor(private readonly log?: (message: string) => void) {}

  /** Whether a row of `topic` is held back this round (its topic refused, its retry not due). */
  waiting(topic: string, now = Date.now()): boolean {
    return (this.refused.get(topic)?.retryAt ?? 0) > now;
  }

  record(sends: TopicSend[], now = Date.now()): void {
    for (const { topic, positions, refusal } of sends) {
      const known = this.refused.get(topic);
      if (refusal === undefined) {
        if (known) this.log?.(`outbox relay: ${topic} is written again (refused since ${known.since.toISOString()})`);
        this.refused.delete(topic);
        continue;
      }
      const attempts = (known?.attempts ?? 0) + 1;
      const retryAt = now + backoffDelay(REFUSED_TOPIC_BACKOFF, attempts);
      this.refused.set(topic, { topic, reason: refusal, since: known?.since ?? new Date(now), attempts, retryAt });
      if (!known) this.log?.(`outbox relay: ${topic} refused, ${positions.length} events held back: ${refusal}`);
    }
  }

  list(): RefusedTopic[] {
    return [...this.refused.values()];
  }
}
