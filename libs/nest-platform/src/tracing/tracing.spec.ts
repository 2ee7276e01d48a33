import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import {
  activeTraceCarrier,
  activeTracing,
  contextOf,
  inSpan,
  SpanKind,
  startSpan,
  startTracing,
  tracingSettings,
  tracingStarted,
} from './index';

describe('tracingSettings', () => {
  it('is off unless an OTLP endpoint is set, and names the service', () => {
    expect(tracingSettings('organization', {})).toEqual({
      enabled: false,
      serviceName: 'sanshe-organization',
      instrumentations: ['http', 'express'],
    });
    expect(tracingSettings('organization', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).enabled).toBe(
      true,
    );
    expect(tracingSettings('talent', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }).enabled).toBe(
      true,
    );
    expect(tracingSettings('talent', { OTEL_SERVICE_NAME: 'talent-blue' }).serviceName).toBe('talent-blue');
  });

  it('loads the instrumentations OTEL_NODE_ENABLED_INSTRUMENTATIONS names, among those it knows', () => {
    const settings = tracingSettings('talent', { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http, PG,redis' });
    expect(settings.instrumentations).toEqual(['http', 'pg']);
  });

  it('is off again with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(tracingSettings('funding', { ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).enabled).toBe(false);
    expect(tracingSettings('funding', { ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
  });
});

describe('span helpers', () => {
  const exporter = new InMemorySpanExporter();

  it('do nothing while tracing is off: no SDK, no carrier, the work still runs', async () => {
    expect(startTracing(tracingSettings('community', {}))).toBeUndefined();
    expect(tracingStarted()).toBe(false);
    expect(startSpan('nothing')).toBeUndefined();
    expect(await inSpan('nothing', {}, async () => activeTraceCarrier())).toBeUndefined();
  });

  it('once started, nest spans, carry the active one as traceparent and continue it from there', async () => {
    startTracing(tracingSettings('community', {}), new SimpleSpanProcessor({ exporter }));
    expect(activeTracing()).toBeDefined();
    const carrier = await inSpan('outer', { kind: SpanKind.SERVER }, () =>
      inSpan('inner', {}, async () => activeTraceCarrier()),
    );
    await inSpan('continued', { parent: contextOf(carrier) }, async () => undefined);
    await inSpan('failing', {}, () => Promise.reject(new Error('boom'))).catch(() => undefined);

    const spans = exporter.getFinishedSpans();
    const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
    const [outer, inner, continued] = [byName.outer, byName.inner, byName.continued];
    expect(carrier?.traceparent).toBe(`00-${inner?.spanContext().traceId}-${inner?.spanContext().spanId}-01`);
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(continued?.parentSpanContext?.spanId).toBe(inner?.spanContext().spanId);
    expect(new Set([outer, inner, continued].map((s) => s?.spanContext().traceId)).size).toBe(1);
    expect(byName.failing?.status).toMatchObject({ code: 2, message: 'boom' });
    await activeTracing()?.shutdown();
    expect(tracingStarted()).toBe(false);
  });
});
