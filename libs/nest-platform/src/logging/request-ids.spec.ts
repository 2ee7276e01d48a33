import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFor, requestLogFields, traceIdOf } from './request-ids';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function exchange(headers: Record<string, string>) {
  const set: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (set[name] = value) } as unknown as ServerResponse;
  return { req: { headers } as unknown as IncomingMessage, res, set };
}

describe('request ids', () => {
  it("keeps the caller's X-Request-Id and echoes it", () => {
    const { req, res, set } = exchange({ 'x-request-id': 'portal-42.a:b' });
    expect(requestIdFor(req, res)).toBe('portal-42.a:b');
    expect(set['X-Request-Id']).toBe('portal-42.a:b');
  });

  it('makes a new one when none is given or the given one is free text', () => {
    for (const headers of [
      {},
      { 'x-request-id': 'my phone is 139 1234 5678' },
      { 'x-request-id': 'x'.repeat(129) },
    ] as Record<string, string>[]) {
      const { req, res, set } = exchange(headers);
      const id = requestIdFor(req, res);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(set['X-Request-Id']).toBe(id);
    }
  });

  it('reads the trace id of a W3C traceparent, nothing from a malformed or all-zero one', () => {
    expect(traceIdOf(`00-${TRACE}-00f067aa0ba902b7-01`)).toBe(TRACE);
    expect(traceIdOf(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
    expect(traceIdOf('01-nonsense')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });

  it("gives a request's lines its request, trace and correlation ids", () => {
    const { req } = exchange({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, 'x-correlation-id': 'proposal-p1' });
    expect(requestLogFields(Object.assign(req, { id: 'r-1' }))).toEqual({
      requestId: 'r-1',
      traceId: TRACE,
      correlationId: 'proposal-p1',
    });
    expect(requestLogFields(Object.assign(exchange({}).req, { id: 'r-2' }))).toEqual({ requestId: 'r-2' });
  });
});
