import { ROOT_CONTEXT, SpanStatusCode, context, trace, type Attributes, type Span } from '@opentelemetry/api';
import { tracing } from './telemetry.state.ts';

/**
 * Span attributes the pipeline sets; `gongkai.phase` names the part of a
 * stage job a span measures, for the cost breakdown (scripts/bench/pipeline).
 */
export const ATTR = { reportId: 'gongkai.report_id', runId: 'gongkai.run_id', stage: 'gongkai.stage', phase: 'gongkai.phase' } as const;

/** The parts of a stage job, in order. */
export const PHASES = ['queue_wait', 'load_input', 'thread_hop', 'stage_run', 'handoff', 'store_write', 'enqueue_next', 'progress'] as const;
export type Phase = (typeof PHASES)[number];

function ended(span: Span, err?: unknown): void {
  if (err !== undefined) {
    span.recordException(err instanceof Error ? err : new Error(String(err)));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
  }
  span.end();
}

/** Runs `fn` in a child span of the active one; with tracing off, just runs it. */
export function inSpan<T>(name: string, attrs: Attributes, fn: () => Promise<T>): Promise<T> {
  const t = tracing();
  if (!t) return fn();
  return t.tracer.startActiveSpan(name, { attributes: attrs }, async (span) => {
    try {
      const out = await fn();
      ended(span);
      return out;
    } catch (err) {
      ended(span, err);
      throw err;
    }
  });
}

/** Runs `fn` in the first span of a new trace (a report run starts here). */
export function inRootSpan<T>(name: string, attrs: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!tracing()) return fn();
  return context.with(ROOT_CONTEXT, () => inSpan(name, attrs, fn));
}

export interface PastSpan {
  name: string;
  attrs: Attributes;
  /** Epoch milliseconds (fractions kept). */
  start: number;
  end: number;
  children?: PastSpan[];
}

/** A span that already happened, with its children, under the active span. */
export function spanAt(s: PastSpan): void {
  const t = tracing();
  if (!t) return;
  const span = t.tracer.startSpan(s.name, { attributes: s.attrs, startTime: s.start });
  if (s.children?.length) context.with(trace.setSpan(context.active(), span), () => s.children!.forEach(spanAt));
  span.end(Math.max(s.start, s.end));
}

/** Adds attributes to the active span (BullMQ's job span, say). */
export function annotate(attrs: Attributes): void {
  if (!tracing()) return;
  trace.getActiveSpan()?.setAttributes(attrs);
}

/** The active trace and span ids, for log lines; null with tracing off or outside a span. */
export function activeIds(): { traceId: string; spanId: string } | null {
  if (!tracing()) return null;
  const c = trace.getActiveSpan()?.spanContext();
  return c && trace.isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : null;
}

/**
 * `obj` with some methods run in spans (name → span name and phase): how a
 * stage job's calls into the store and the queues show up without the code
 * that makes them knowing about tracing. With tracing off, `obj` itself.
 */
export function traced<T extends object>(obj: T, methods: Readonly<Record<string, { name: string; phase?: Phase }>>, attrs: () => Attributes, nested: Readonly<Record<string, (inner: unknown) => unknown>> = {}): T {
  if (!tracing()) return obj;
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(obj, {
    get(target, prop) {
      if (cache.has(prop)) return cache.get(prop);
      const value = Reflect.get(target, prop, target) as unknown;
      const m = typeof prop === 'string' ? methods[prop] : undefined;
      let out = value;
      if (m && typeof value === 'function') {
        const fn = value as (...a: unknown[]) => Promise<unknown>;
        out = (...args: unknown[]) => inSpan(m.name, { ...attrs(), ...(m.phase ? { [ATTR.phase]: m.phase } : {}) }, () => fn.apply(target, args));
      } else if (typeof prop === 'string' && nested[prop]) out = nested[prop]!(value);
      else if (typeof value === 'function') out = (value as (...a: unknown[]) => unknown).bind(target);
      else return value; // plain values (getters) are read fresh
      cache.set(prop, out);
      return out;
    },
  });
}
