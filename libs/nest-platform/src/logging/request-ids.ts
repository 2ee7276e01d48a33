import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is kept only if it looks like an id: no spaces, no free text to smuggle into logs. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** W3C trace context, version 00: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The caller's X-Request-Id when acceptable, else a new UUID; echoed back as the response's X-Request-Id. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = firstHeader(req.headers[REQUEST_ID_HEADER]);
  const id = given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The trace id of a `traceparent` (an HTTP header or a CloudEvent's extension), or undefined if absent or malformed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const traceId = traceparent ? TRACEPARENT.exec(traceparent.trim())?.[1] : undefined;
  return traceId && !/^0+$/.test(traceId) ? traceId : undefined;
}

/** Fields every log line of one HTTP request carries at the top level. */
export function requestLogFields(req: IncomingMessage & { id?: unknown }): Record<string, string> {
  const traceId = traceIdOf(firstHeader(req.headers.traceparent));
  const correlationId = firstHeader(req.headers['x-correlation-id']);
  return {
    requestId: String(req.id),
    ...(traceId ? { traceId } : {}),
    ...(correlationId && ACCEPTED_REQUEST_ID.test(correlationId) ? { correlationId } : {}),
  };
}
