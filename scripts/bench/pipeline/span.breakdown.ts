/**
 * The cost breakdown of a traced queued run, from its spans (received over
 * OTLP by the bench process, see packages/telemetry/src/otlp.receiver.ts):
 * per stage, the mean and p95 per report of each part of a stage job, of the
 * job as BullMQ times it, and the Redis and MongoDB round trips it made.
 */
import { PHASES, type ReceivedSpan } from '@gongkai/telemetry';
import { round, type BenchRow } from '../lib.ts';
import { percentile } from './pipeline.harness.ts';

const dbOf = (s: ReceivedSpan) => (s.attrs['db.system.name'] ?? s.attrs['db.system']) as string | undefined;

export interface Breakdown {
  rows: BenchRow[];
  /** Per stage: mean ms per report of everything but the stage's own run, and of the Redis / MongoDB calls in it. */
  overheadMs: Record<string, { job: number; run: number; rest: number; redis: number; mongodb: number }>;
  reports: number;
}

export function breakdown(spans: readonly ReceivedSpan[]): Breakdown {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  /** The stage job (BullMQ's `process <stage>` span, annotated) a span belongs to. */
  const jobOf = new Map<string, ReceivedSpan | null>();
  const findJob = (s: ReceivedSpan): ReceivedSpan | null => {
    if (jobOf.has(s.spanId)) return jobOf.get(s.spanId)!;
    let out: ReceivedSpan | null = null;
    if (s.name.startsWith('process ') && s.attrs['gongkai.stage']) out = s;
    else if (s.parentSpanId && byId.has(s.parentSpanId)) {
      const p = byId.get(s.parentSpanId)!;
      // a job's `add` of the next stage is inside it, but the next job is not
      out = p.name.startsWith('process ') && p.attrs['gongkai.stage'] ? p : findJob(p);
    }
    jobOf.set(s.spanId, out);
    return out;
  };
  // (stage → kind → report → total ms or count)
  const acc = new Map<string, Map<string, Map<string, number>>>();
  const add = (stage: string, kind: string, report: string, v: number) => {
    const k = acc.get(stage) ?? new Map<string, Map<string, number>>();
    acc.set(stage, k);
    const r = k.get(kind) ?? new Map<string, number>();
    k.set(kind, r);
    r.set(report, (r.get(report) ?? 0) + v);
  };
  const reports = new Set<string>();
  for (const s of spans) {
    const job = s.name.startsWith('process ') ? (s.attrs['gongkai.stage'] ? s : null) : findJob(s);
    if (!job) continue;
    const stage = String(job.attrs['gongkai.stage']);
    const report = String(job.attrs['gongkai.report_id']);
    reports.add(report);
    const ms = s.end - s.start;
    if (s === job) add(stage, 'job (BullMQ process span)', report, ms);
    const phase = s.attrs['gongkai.phase'];
    if (phase !== undefined) add(stage, String(phase), report, ms);
    const db = dbOf(s);
    if (db) {
      add(stage, `${db} calls`, report, 1);
      add(stage, `${db} ms`, report, ms);
    }
  }
  const kinds = ['job (BullMQ process span)', ...PHASES, 'redis calls', 'redis ms', 'mongodb calls', 'mongodb ms'];
  const rows: BenchRow[] = [];
  const overheadMs: Breakdown['overheadMs'] = {};
  const meanOf = (m: Map<string, number> | undefined) => (m && m.size ? [...m.values()].reduce((a, b) => a + b, 0) / m.size : 0);
  for (const [stage, k] of acc) {
    for (const kind of kinds) {
      const m = k.get(kind);
      if (!m) continue;
      const values = [...m.values()].sort((a, b) => a - b);
      rows.push({ name: `${stage} · ${kind}`, reports: values.length, mean: round(meanOf(m), 2), p95: round(percentile(values, 95), 2) });
    }
    const job = meanOf(k.get('job (BullMQ process span)'));
    const run = meanOf(k.get('stage_run'));
    overheadMs[stage] = { job: round(job), run: round(run), rest: round(job - run), redis: round(meanOf(k.get('redis ms'))), mongodb: round(meanOf(k.get('mongodb ms'))) };
  }
  return { rows, overheadMs, reports: reports.size };
}
