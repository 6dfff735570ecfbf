/**
 * The OpenTelemetry SDK of a process, loaded only when tracing is on
 * (telemetry.ts imports this file dynamically).
 */
import type { Config } from '@gongkai/config';
import { setLogContext } from '@gongkai/runtime';
import { trace, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import type { InstrumentationBase, InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, SamplingDecision, type Sampler, type SamplingResult, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BullMQOtel } from 'bullmq-otel';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { satisfies } from 'semver';
import { activeIds } from './span.helpers.ts';
import { setTracing } from './telemetry.state.ts';
import type { Telemetry } from './telemetry.ts';

/**
 * Which spans may start a trace: a report run (intake's root span), a job
 * added or processed outside any trace (a replay, a heal, a job whose
 * producer does not trace). Everything else without a parent is dropped:
 * BullMQ's polling (getNextJob, the stalled-job check) and the
 * housekeeping's own Redis and MongoDB calls would otherwise each be a trace.
 */
const rootSampler: Sampler = {
  shouldSample(_ctx: Context, _traceId: string, name: string, _kind: SpanKind, _attrs: Attributes, _links: Link[]): SamplingResult {
    const keep = name.startsWith('report.') || name.startsWith('add ') || name.startsWith('addBulk') || name.startsWith('process ');
    return { decision: keep ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  },
  toString: () => 'gongkai-roots',
};

async function exporterFor(s: { endpoint: string; protocol: Config['telemetry']['protocol'] }): Promise<SpanExporter> {
  const url = `${s.endpoint.replace(/\/+$/, '')}/v1/traces`;
  if (s.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url });
}

/**
 * Applies an official instrumentation to a client library already loaded.
 * The instrumentations hook `require`, which sees only modules loaded after
 * them; our services import mongodb and ioredis (ESM, before any code runs),
 * so their patches are applied here, once, to the loaded module files —
 * the same objects every connection uses, since the patches replace
 * prototype methods and module exports.
 */
function applyTo(inst: InstrumentationBase, moduleName: string): void {
  const req = createRequire(import.meta.url);
  const main = req.resolve(moduleName);
  const root = main.slice(0, main.lastIndexOf(`${sep}node_modules${sep}${moduleName}${sep}`) + `${sep}node_modules${sep}${moduleName}`.length);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const defs = (inst as unknown as { getModuleDefinitions(): InstrumentationModuleDefinition[] }).getModuleDefinitions();
  let patched = 0;
  for (const def of defs) {
    if (!def.supportedVersions.some((r) => satisfies(version, r))) continue;
    if (def.patch) {
      def.patch(req(main), version);
      patched++;
    }
    for (const f of def.files) {
      if (!f.supportedVersions.some((r) => satisfies(version, r))) continue;
      f.patch(req(join(dirname(root), f.name)), version);
      patched++;
    }
  }
  if (patched === 0) throw new Error(`${inst.instrumentationName} supports no ${moduleName}@${version}`);
}

export async function startSdk(settings: { endpoint: string; protocol: Config['telemetry']['protocol'] }, service: string): Promise<Telemetry> {
  const exporter = await exporterFor(settings);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'process.pid': process.pid }),
    sampler: new ParentBasedSampler({ root: rootSampler }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000, maxQueueSize: 20_000, maxExportBatchSize: 2048 })],
  });
  provider.register(); // the global tracer provider, AsyncLocalStorage context, W3C trace-context propagation
  // requireParentSpan: only calls made inside a traced job become spans
  const mongo = new MongoDBInstrumentation({ enabled: false, requireParentSpan: true, dbStatementSerializer: (cmd) => Object.keys(cmd).slice(0, 3).join(',') });
  const redis = new IORedisInstrumentation({ enabled: false, requireParentSpan: true, dbStatementSerializer: (cmd) => cmd });
  for (const [inst, mod] of [[mongo, 'mongodb'], [redis, 'ioredis']] as const) {
    inst.setTracerProvider(provider);
    applyTo(inst as unknown as InstrumentationBase, mod);
  }
  setTracing({ tracer: trace.getTracer('gongkai'), bullmq: new BullMQOtel({ tracerName: 'bullmq' }) });
  setLogContext(activeIds);
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown().catch(() => {});
    },
  };
}
