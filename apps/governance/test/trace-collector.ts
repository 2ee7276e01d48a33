import * as http from 'node:http';
import { trace } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { activeTracing, startTracing, tracingSettings } from '@sanshe/nest-platform/tracing';

/**
 * Tracing on for this test file, into memory. Imported before anything else, as an app's src/tracing.ts is: the SDK
 * starts before the modules it instruments are loaded.
 */
export const finishedSpans = new InMemorySpanExporter();
startTracing(tracingSettings('trace-test', {}), new SimpleSpanProcessor({ exporter: finishedSpans }));

// Under Jest, `require('module')` is Jest's stand-in, so the SDK's hook on require never sees `http` load. The
// HTTP instrumentation's own patch is applied to the real module here instead (what the hook does in a process).
const httpInstrumentation = new HttpInstrumentation();
httpInstrumentation.setTracerProvider(trace.getTracerProvider());
for (const definition of httpInstrumentation.getModuleDefinitions())
  if (definition.name === 'http') definition.patch?.(http, process.versions.node);

export const stopTracing = () => activeTracing()?.shutdown();

/** The span's parent's id, or undefined for a root. */
export const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
