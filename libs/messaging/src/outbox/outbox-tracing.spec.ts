import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import type { EntityManager } from 'typeorm';
import { activeTracing, startTracing, tracingSettings } from '@sanshe/nest-platform/tracing';
import { tracedHandler } from '../inbox/inbox-tracing';
import type { IncomingMessage } from '../inbox/incoming-message';
import { publishTraced, tracedColumns } from './outbox-tracing';
import type { OutboxRow } from './topic-sends';

const ORIGIN = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const row = (position: string, traceparent?: string): OutboxRow => ({
  position,
  topic: 'sanshe.organization.events',
  partition_key: `p-${position}`,
  payload: '{}',
  ...(traceparent ? { traceparent } : {}),
});
const message = (headers?: IncomingMessage['headers']): IncomingMessage => ({
  topic: 'sanshe.organization.events',
  partition: 0,
  offset: '7',
  timestamp: '0',
  key: null,
  value: null,
  ...(headers ? { headers } : {}),
});
const event = { id: 'e-1', type: 'sanshe.organization.proposal.submitted.v1', traceparent: ORIGIN } as never;
const manager = {} as EntityManager;
const delivery = { topic: 'sanshe.organization.events', partition: 0, offset: '7', timestamp: '0' };

describe('tracing off', () => {
  it('reads no traceparent, makes no span, passes handlers through', async () => {
    expect(tracedColumns()).toBe('');
    const rows = [row('1', ORIGIN)];
    expect(await publishTraced(rows, async () => 'sent')).toBe('sent');
    expect(rows[0]?.headers).toBeUndefined();
    const handler = async () => undefined;
    expect(tracedHandler(message(), 'g', handler)).toBe(handler);
  });
});

describe('tracing on', () => {
  const spans = new InMemorySpanExporter();
  beforeAll(() => startTracing(tracingSettings('messaging', {}), new SimpleSpanProcessor({ exporter: spans })));
  afterAll(() => activeTracing()?.shutdown());
  beforeEach(() => spans.reset());

  it("sends each traced row in a producer span continuing its event's context, named in the record's header", async () => {
    expect(tracedColumns()).toContain(`payload::json->>'traceparent'`);
    const rows = [row('1', ORIGIN), row('2')];
    await publishTraced(rows, async () => undefined);
    const [publish, ...others] = spans.getFinishedSpans();
    expect(others).toEqual([]); // the untraced row has none
    expect(publish?.name).toBe('publish sanshe.organization.events');
    expect(publish?.spanContext().traceId).toBe(ORIGIN.split('-')[1]);
    expect(publish?.parentSpanContext?.spanId).toBe(ORIGIN.split('-')[2]);
    expect(rows[0]?.headers?.traceparent).toBe(
      `00-${publish?.spanContext().traceId}-${publish?.spanContext().spanId}-01`,
    );
    expect(rows[1]?.headers).toBeUndefined();
  });

  it('ends the spans of a failed send as failed, and rethrows', async () => {
    await expect(publishTraced([row('3', ORIGIN)], () => Promise.reject(new Error('broker down')))).rejects.toThrow(
      'broker down',
    );
    expect(spans.getFinishedSpans()[0]?.status).toMatchObject({ code: 2, message: 'broker down' });
  });

  it("runs a handler in a consumer span under the record's header, else under the event's traceparent", async () => {
    const hop = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    await tracedHandler(message({ traceparent: Buffer.from(hop) }), 'g', async () => undefined)(
      event,
      manager,
      delivery,
    );
    await tracedHandler(message(), 'g', async () => undefined)(event, manager, delivery);
    const [fromHeader, fromEvent] = spans.getFinishedSpans();
    expect(fromHeader?.name).toBe('process sanshe.organization.proposal.submitted.v1');
    expect(fromHeader?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(fromEvent?.parentSpanContext?.spanId).toBe(ORIGIN.split('-')[2]);
    expect(fromHeader?.attributes).toMatchObject({
      'messaging.consumer.group.name': 'g',
      'messaging.kafka.offset': '7',
    });
  });
});
