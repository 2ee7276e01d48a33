import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { errorMessage } from '@sanshe/common';

export { SpanKind };

/** The W3C trace context of a span, as an event or a Kafka record carries it. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

let started = false;

/** Set by startTracing once an SDK is registered; until then every helper here returns at once. */
export function markTracingStarted(on: boolean): void {
  started = on;
}

export function tracingStarted(): boolean {
  return started;
}

const tracer = () => trace.getTracer('sanshe');

/** The active span's context as `traceparent` (+ `tracestate`), or undefined when nothing is traced. */
export function activeTraceCarrier(active: Context = context.active()): TraceCarrier | undefined {
  if (!started) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  if (!carrier.traceparent) return undefined;
  return { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) };
}

/** `span`'s own context as `traceparent` (+ `tracestate`), e.g. for a Kafka record's headers. */
export function spanCarrier(span: Span): TraceCarrier | undefined {
  return activeTraceCarrier(trace.setSpan(ROOT_CONTEXT, span));
}

/** The context a carried `traceparent` continues (the root context when there is none). */
export function contextOf(carrier: TraceCarrier | undefined): Context {
  if (!started || !carrier?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context by default. */
  parent?: Context;
}

/** Starts a span that the caller ends (endSpan); undefined when tracing is off. */
export function startSpan(name: string, options: SpanOptions = {}): Span | undefined {
  if (!started) return undefined;
  return tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    options.parent ?? context.active(),
  );
}

/** Ends `span`, marked as failed when `error` is given. */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
  }
  span.end();
}

/** Runs `work` inside a new span (active for whatever it calls), ended when `work` settles. */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  if (!span) return work();
  try {
    const result = await context.with(trace.setSpan(options.parent ?? context.active(), span), work);
    endSpan(span);
    return result;
  } catch (err) {
    endSpan(span, err);
    throw err;
  }
}
