import type { Tracer } from '@opentelemetry/api';

/**
 * What a process's tracing is: null while off (the default: no SDK loaded,
 * every helper in span.helpers.ts calls straight through), set once by
 * startTelemetry when an OTLP endpoint is configured.
 */
export interface TracingState {
  tracer: Tracer;
  /** BullMQ's `telemetry` option (bullmq-otel): a span per add and per job, the context carried in the job. */
  bullmq: unknown;
}

let state: TracingState | null = null;

export function tracing(): TracingState | null {
  return state;
}

export function setTracing(next: TracingState | null): void {
  state = next;
}

/** The `telemetry` option for BullMQ's Queue and Worker: undefined while tracing is off. */
export function bullmqTelemetry<T>(): T | undefined {
  return (state?.bullmq as T | undefined) ?? undefined;
}
