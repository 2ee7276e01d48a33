import { contextOf, endSpan, spanCarrier, SpanKind, startSpan, tracingStarted } from '@sanshe/nest-platform/tracing';
import type { OutboxRow } from './topic-sends';

/**
 * The claim's extra column while tracing: each row's stored `traceparent` (the request's or message's that wrote
 * it), read by PostgreSQL, so that the relay never parses a payload. Nothing when tracing is off.
 */
export const tracedColumns = (): string => (tracingStarted() ? `, payload::json->>'traceparent' AS traceparent` : '');

/**
 * Sends `rows` with one producer span per traced row, a child of the trace context stored with its event, and that
 * span's context in the Kafka record's `traceparent` header (the consumer continues from the hop, the event keeps
 * its origin). Each span ends when the send settles, failed if it failed. Untraced rows go out as they are.
 */
export async function publishTraced<T>(rows: OutboxRow[], send: () => Promise<T>): Promise<T> {
  if (!tracingStarted()) return send();
  const spans = rows.flatMap((row) => {
    if (!row.traceparent) return [];
    const span = startSpan(`publish ${row.topic}`, {
      kind: SpanKind.PRODUCER,
      parent: contextOf({ traceparent: row.traceparent }),
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': row.topic,
        'messaging.kafka.message.key': row.partition_key,
        'sanshe.outbox.position': row.position,
      },
    });
    const carrier = span && spanCarrier(span);
    if (carrier?.traceparent) row.headers = { traceparent: carrier.traceparent };
    return span ? [span] : [];
  });
  try {
    const sent = await send();
    for (const span of spans) endSpan(span);
    return sent;
  } catch (err) {
    for (const span of spans) endSpan(span, err);
    throw err;
  }
}
