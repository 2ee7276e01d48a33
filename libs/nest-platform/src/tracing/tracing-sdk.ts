import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TracedLibrary, TracingSettings } from './tracing-settings';

/** Probes and scrapes are not worth a trace each. */
const UNTRACED_PATHS = new Set(['/health', '/metrics']);
const untraced = (request: IncomingMessage) => UNTRACED_PATHS.has((request.url ?? '').split('?', 1)[0] ?? '');

const INSTRUMENTATIONS: Record<TracedLibrary, () => HttpInstrumentation | ExpressInstrumentation | PgInstrumentation> =
  {
    http: () => new HttpInstrumentation({ ignoreIncomingRequestHook: untraced }),
    express: () => new ExpressInstrumentation(),
    pg: () => new PgInstrumentation({ requireParentSpan: true }), // statements of a trace only
  };

export interface RunningSdk {
  spanProcessor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

/**
 * The official Node SDK with the instrumentations the settings name (HTTP server and client, Express; pg on demand),
 * W3C trace context propagation, and traces only: metrics are prom-client's (/metrics) and logs pino's. Spans go
 * to `spanProcessor`, or in batches to the OTLP/HTTP exporter, which reads OTEL_EXPORTER_OTLP_* itself.
 * Loaded only when tracing is on (start-tracing.ts), so a process that does not trace never loads it.
 */
export function startSdk(
  { serviceName, instrumentations }: TracingSettings,
  spanProcessor?: SpanProcessor,
): RunningSdk {
  const processor = spanProcessor ?? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
  const resource = defaultResource().merge(resourceFromAttributes({ 'service.name': serviceName }));
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors: [processor],
    logRecordProcessors: [],
    metricReaders: [],
    instrumentations: instrumentations.map((library) => INSTRUMENTATIONS[library]()),
  });
  sdk.start();
  return { spanProcessor: processor, resource, shutdown: () => sdk.shutdown() };
}
