import type { IHeaders } from 'kafkajs';
import { contextOf, inSpan, SpanKind, type TraceCarrier, tracingStarted } from '@sanshe/nest-platform/tracing';
import type { EventHandler } from './event-handlers';
import type { IncomingMessage } from './incoming-message';

const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : String(first);
};

/** Where a consumed event's trace continues: the relay's producer span (the record's header), else the event's own. */
function carrierOf(message: IncomingMessage, event: { traceparent?: string }): TraceCarrier | undefined {
  const traceparent = headerText(message.headers, 'traceparent') ?? event.traceparent;
  return traceparent ? { traceparent } : undefined;
}

/**
 * `handler` run inside a consumer span, a child of the trace the event carries, within the inbox transaction: what
 * the handler does (its queries, a Temporal call) joins the trace of the request that caused the event. The
 * handler itself when tracing is off.
 */
export function tracedHandler(message: IncomingMessage, consumer: string, handler: EventHandler): EventHandler {
  if (!tracingStarted()) return handler;
  return (event, manager, delivery) =>
    inSpan(
      `process ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextOf(carrierOf(message, event)),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.topic,
          'messaging.destination.partition.id': String(message.partition),
          'messaging.kafka.offset': message.offset,
          'messaging.consumer.group.name': consumer,
          'messaging.message.id': event.id,
        },
      },
      () => handler(event, manager, delivery),
    );
}
