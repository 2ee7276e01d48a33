import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ClientInterceptors } from '@temporalio/client';
// The package's parts, not its index: the index also loads the sandbox's interceptors and the plugin.
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import { activeTracing } from '../tracing/start-tracing';

/**
 * Temporal's OpenTelemetry interceptors for the workflow sandbox. A bundle built with them
 * (BundleOptions.workflowInterceptorModules, as governance's is) traces every workflow run, signal, update and
 * activity it schedules, continuing the context the client put in the workflow's headers.
 */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** A worker's sinks while tracing is off: workflow spans from a bundle built with the interceptors are dropped. */
export const TRACING_OFF_SINKS = { exporter: { export: { fn: () => undefined } } } as InjectedSinks<never>;

/** The client's interceptors: its start, signal and update calls in spans whose context the workflow continues. */
export function temporalClientTracing(): ClientInterceptors {
  return activeTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : {};
}

/** The shape of the workflow spans Temporal's sink hands over (OpenTelemetry SDK 1.x, the sandbox's). */
type SandboxSpan = ReadableSpan & {
  parentSpanId?: string;
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
};

/** A sandbox span in the shape of this process's SDK (which names its parent by context and its scope). */
function currentShape(span: SandboxSpan): ReadableSpan {
  const { parentSpanId, instrumentationLibrary } = span;
  const own = span.spanContext();
  return {
    ...span,
    spanContext: () => own,
    parentSpanContext: parentSpanId
      ? { traceId: own.traceId, spanId: parentSpanId, traceFlags: own.traceFlags }
      : undefined,
    instrumentationScope: span.instrumentationScope ?? instrumentationLibrary ?? { name: '@temporalio/workflow' },
  };
}

/** Hands the workflows' spans to the process's span processor, reshaped. */
function toProcessor(processor: SpanProcessor) {
  return {
    onStart: () => undefined,
    onEnd: (span: SandboxSpan) => processor.onEnd(currentShape(span)),
    forceFlush: () => processor.forceFlush(),
    shutdown: () => Promise.resolve(),
  };
}

/**
 * What a worker adds for tracing: the sandbox's interceptors when it bundles its workflows at start (as a prebuilt
 * bundle has them built in: the same workflow code either way), the `exporter` sink they write workflow spans to,
 * and, on, the activity interceptors (each activity in a span continuing its workflow's). Off, the sink drops
 * the spans.
 */
export function temporalWorkerTracing({
  bundlingAtStart,
}: {
  bundlingAtStart: boolean;
}): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const workflowModules = bundlingAtStart ? { workflowModules: [TRACING_WORKFLOW_INTERCEPTORS] } : {};
  const tracing = activeTracing();
  if (!tracing) return { interceptors: workflowModules, sinks: TRACING_OFF_SINKS };
  const exporter = makeWorkflowExporter(toProcessor(tracing.spanProcessor) as never, tracing.resource as never);
  return {
    interceptors: {
      ...workflowModules,
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter } as InjectedSinks<never>,
  };
}
