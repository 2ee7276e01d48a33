import { PinoLogger } from 'nestjs-pino';
import type { SansheEvent } from '@sanshe/contracts/pure';
import { traceIdOf } from './request-ids';

let contexts: PinoLogger | undefined;

/**
 * Runs `work` with `fields` on every line logged inside it (across awaits), as nestjs-pino does for an HTTP
 * request. Without the platform logger (tests with Nest's logger off) it only runs `work`.
 */
export function withLogFields<T>(fields: Record<string, string>, work: () => T): T {
  if (!PinoLogger.root) return work();
  contexts ??= new PinoLogger({}); // the root logger exists: this instance only reaches it
  return contexts.runInContext(work, { bindings: fields, inherit: true });
}

/** What a consumer's lines carry about the event it handles: its id and type, correlation and trace ids. */
export function eventLogFields(event: Pick<SansheEvent, 'id' | 'type' | 'correlationid' | 'traceparent'>) {
  const traceId = traceIdOf(event.traceparent);
  return {
    eventId: event.id,
    eventType: event.type,
    ...(event.correlationid ? { correlationId: event.correlationid } : {}),
    ...(traceId ? { traceId } : {}),
  };
}
