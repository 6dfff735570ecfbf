/**
 * One measured run of the queued pipeline: N generated reports dropped into
 * the inbox of a pipeline started as `gongkai start` starts it, timed from
 * the first drop to the last stored document; latency per report from its
 * drop to its validate job's completion; CPU seconds and RSS per process;
 * throughput per window of 1,000 reports (does it slow down as the
 * collections grow?); accuracy of the stored documents against the answers.
 */
import { PIPELINE_VERSION, STAGES, STAGE_CATALOGUE, reportFieldsOf, type Report, type StageName } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { onPath } from '@gongkai/embedded';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Answer } from '../../corpus/corpus.types.ts';
import { emptyTally, scoreReport, type Tally } from '../../corpus/corpus.score.ts';
import { startOtlpReceiver, type ReceivedSpan } from '@gongkai/telemetry';
import { percentile, sampleProcesses, settled, startHarness, waitUntil, type Harness, type ProcStat } from './pipeline.harness.ts';

export interface QueuedRunResult {
  n: number;
  processes: number;
  seconds: number;
  reportsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
  dead: number;
  /** Reports per second in consecutive windows of `window` completions. */
  windows: number[];
  cpu: ProcStat[];
  /** Stage worker RSS (MB, the largest process) at the end. */
  workerRssMb: number;
  /** The same, sampled as each multiple of 10,000 reports finished (10000 → MB…). */
  workerRssAt: Record<number, number>;
  tally: Tally | null;
  /**
   * Context refreshes run by the end, and still queued then (they wait behind new reports' jobs); with
   * `drain`, how long the queued ones took to run out after the last report and their CPU per report.
   */
  refreshes: { done: number; queued: number; drain?: Drain };
  /** The spans of the run, when it was traced. */
  spans: ReceivedSpan[] | null;
  /**
   * The run after its first `STEADY_FROM` of reports finished, when start-up costs are behind it (JIT
   * compilation in every process and thread, modules and tables loaded on first use: pdf.js, opencc's
   * dictionaries, iconv's code tables): reports per second over that span, CPU per report over all
   * processes, and each process's CPU per unit of its work (a stage worker: per job of its stage, counted in
   * BullMQ; the others: per report). Null when a queue's completed jobs reached BullMQ's retention.
   */
  steady: Steady | null;
}

export interface Steady {
  reports: number;
  reportsPerSec: number;
  cpuMsPerReport: number;
  /** Process name → ms of CPU per job of its stage (stage workers) or per report (the rest). */
  perProcess: Record<string, number>;
}

/** Where the steady span starts: after this share of the reports finished. */
export const STEADY_FROM = 0.3;

const stageOfProcess = (name: string): StageName | undefined => STAGES.find((s) => STAGE_CATALOGUE[s].service === name.split('#')[0]);

/** How many completed jobs of a stage BullMQ keeps (the pipeline's own retention). */
function retained(h: Harness, stage: StageName): number {
  const keep = h.pipeline.jobOptions(stage, 'probe').removeOnComplete;
  return typeof keep === 'object' ? (keep.count ?? Infinity) : typeof keep === 'number' ? keep : Infinity;
}

/** Completed jobs per stage; null once a queue reached its retention (the count no longer grows with the work). */
async function completedJobs(h: Harness): Promise<Record<string, number> | null> {
  const counts = await h.pipeline.counts();
  const jobs = Object.fromEntries(STAGES.map((s) => [s, counts[s]?.completed ?? 0]));
  return STAGES.some((s) => jobs[s]! >= retained(h, s)) ? null : jobs;
}

/** Each process's CPU seconds between two samples; a process that used none, or is missing from the first sample (or restarted: less than before), is left out. */
function cpuBetween(from: readonly ProcStat[], to: readonly ProcStat[]): Array<{ name: string; sec: number }> {
  const before = new Map(from.map((p) => [p.name, p.cpuSec]));
  return to.map((p) => ({ name: p.name, sec: p.cpuSec - (before.get(p.name) ?? p.cpuSec) })).filter((d) => d.sec > 0);
}

function steadyOf(from: { at: number; done: number; cpu: ProcStat[]; jobs: Record<string, number> | null }, to: typeof from): Steady | null {
  const reports = to.done - from.done;
  const [jobs0, jobs1] = [from.jobs, to.jobs];
  if (reports <= 0 || !jobs0 || !jobs1) return null;
  const delta = cpuBetween(from.cpu, to.cpu);
  const perProcess = Object.fromEntries(delta.map((d) => {
    const stage = stageOfProcess(d.name);
    const work = stage ? jobs1[stage]! - jobs0[stage]! : reports;
    return [d.name, Math.round((d.sec * 10_000) / Math.max(1, work)) / 10];
  }));
  return {
    reports, reportsPerSec: Math.round((reports / ((to.at - from.at) / 1000)) * 10) / 10,
    cpuMsPerReport: Math.round((delta.reduce((s, d) => s + d.sec, 0) * 10_000) / reports) / 10, perProcess,
  };
}

export interface Drain {
  seconds: number;
  /** Refreshes run in all (during the run and in the drain). */
  total: number;
  /** CPU of the drain over all processes, per report of the run. */
  cpuMsPerReport: number;
  /** Process name → its CPU in the drain, ms per refresh run in it. */
  perRefresh: Record<string, number>;
}

/** Waits until the validate queue is empty (the refreshes queued behind the reports ran): its time and CPU. */
async function drained(h: Harness, cpuAtEnd: ProcStat[], reports: number): Promise<Drain> {
  const done0 = h.refreshes.done;
  const t0 = Date.now();
  await waitUntil('the queued context refreshes run', async () => {
    const c = (await h.pipeline.counts())['validate']!;
    return c.waiting + c.prioritized + c.active + c.delayed === 0;
  }, 600_000, 200);
  const delta = cpuBetween(cpuAtEnd, sampleProcesses(h));
  const sec = delta.reduce((s, d) => s + d.sec, 0);
  const ran = Math.max(1, h.refreshes.done - done0);
  return {
    seconds: Math.round((Date.now() - t0) / 100) / 10, total: h.refreshes.done, cpuMsPerReport: Math.round((sec * 10_000) / reports) / 10,
    perRefresh: Object.fromEntries(delta.sort((a, b) => b.sec - a.sec).map((d) => [d.name, Math.round((d.sec * 10_000) / ran) / 10])),
  };
}

/** Hard-links (or copies) a corpus file into the inbox, flat, keeping its name unique. */
export function dropFile(corpusDir: string, inbox: string, file: string, as = file.replaceAll('/', '_')): string {
  const to = join(inbox, as);
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(join(corpusDir, file), to);
  } catch {
    copyFileSync(join(corpusDir, file), to);
  }
  return to;
}

/**
 * Puts `count` finished report documents into the collection before a run,
 * so a run can be measured against a collection of 100,000 without first
 * pushing 100,000 reports through the queue: one report is stored through
 * the store's own write path (every stage's output), then its stored form
 * is copied under new ids in batches.
 */
async function prefill(h: Harness, corpusDir: string, file: string, count: number): Promise<number> {
  const t0 = Date.now();
  const bytes = readFileSync(join(corpusDir, file));
  const r = await runInProcess({ bytes, name: file });
  const id = 'prefill-template';
  const runId = 'rprefill';
  await h.store.intake(id, { uri: 'file:///prefill', name: file, size: bytes.length, receivedAt: new Date().toISOString() }, runId);
  for (const stage of STAGES) {
    const run = { ms: 1, attempts: 1, at: new Date().toISOString(), runId, version: PIPELINE_VERSION };
    await h.store.saveStageOutput(id, runId, stage, reportFieldsOf(stage, r.outputs[stage] as never), run, 1);
  }
  if (!(await copyInSqlite(join(h.config.dataDir, 'ferretdb', 'data'), id, count - 1))) {
    // a real MongoDB (MONGO_URL): through the driver
    const stored = (await h.store.reports.findOne({ _id: id })) as Report;
    for (let i = 1; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ ...stored, _id: `prefill-${String(i + k).padStart(7, '0')}` }));
      await h.store.reports.insertMany(batch, { ordered: false });
    }
  }
  return (Date.now() - t0) / 1000;
}

/**
 * On the embedded FerretDB, copies the template row inside SQLite (FerretDB
 * takes in ~20 such documents a second through the wire protocol; SQLite
 * copies thousands): the same stored form, with only the _id changed.
 * Returns false when there is no embedded FerretDB data or no sqlite3 shell.
 */
async function copyInSqlite(dataDir: string, templateId: string, copies: number): Promise<boolean> {
  const sqlite3 = onPath('sqlite3');
  const files = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.endsWith('.sqlite')) : [];
  if (!sqlite3 || files.length === 0) return false;
  for (const f of files) {
    const db = join(dataDir, f);
    const sql = (q: string) => execFileSync(sqlite3, ['-batch', '-cmd', '.timeout 30000', db, q], { encoding: 'utf8', timeout: 3_600_000 });
    const table = sql("SELECT table_name FROM _ferretdb_collections WHERE name = 'reports';").trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(table)) continue;
    sql(`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${copies})
      INSERT INTO "${table}" (_ferretdb_sjson)
      SELECT json_set(t._ferretdb_sjson, '$._id', printf('prefill-%07d', seq.i)) FROM seq, "${table}" t
      WHERE t._ferretdb_sjson->>'$._id' = '${templateId}';`);
    return true;
  }
  return false;
}

const isWorker = (name: string) => /^(decoder|segmenter|extractor|validator)/.test(name);

export async function queuedRun(o: {
  /** Finished documents already in the collection when the run starts. */
  prefill?: number;
  corpusDir: string;
  answers: readonly Answer[];
  processes: number;
  score: boolean;
  window?: number;
  onProgress?: (done: number, n: number) => void;
  /** More environment for the services (a setting to compare, say). */
  env?: Record<string, string>;
  /** Trace the run: every service exports its spans to a receiver in this process. */
  traced?: boolean;
  /** Drop the files at this steady rate (reports/s) instead of all at once. */
  ratePerSec?: number;
  /** After the last report, let the queued context refreshes run out and measure them. */
  drain?: boolean;
}): Promise<QueuedRunResult> {
  const n = o.answers.length;
  const receiver = o.traced ? await startOtlpReceiver() : null;
  const otel: Record<string, string> = receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } : { OTEL_EXPORTER_OTLP_ENDPOINT: '' };
  const h = await startHarness('bench', { GONGKAI_STAGE_PROCESSES: String(o.processes), ...otel, ...o.env });
  try {
    const warmup = await settled(h);
    process.stderr.write(`  services settled after ${Math.round(warmup)} s\n`);
    if (o.prefill) {
      const sec = await prefill(h, o.corpusDir, o.answers[0]!.file, o.prefill);
      process.stderr.write(`  prefilled ${o.prefill} documents in ${Math.round(sec)} s\n`);
    }
    const cpu0 = new Map(sampleProcesses(h).map((p) => [p.name, p.cpuSec]));
    const droppedAt = new Map<string, number>();
    const t0 = Date.now();
    const dropping = (async () => {
      for (const [i, a] of o.answers.entries()) {
        if (o.ratePerSec) {
          const due = t0 + (i * 1000) / o.ratePerSec;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        dropFile(o.corpusDir, h.config.inbox, a.file);
        droppedAt.set(a.sha256, Date.now());
      }
    })();
    const window = o.window ?? 1000;
    const marks: number[] = [];
    const workerRssAt: Record<number, number> = {};
    const workerRss = () => Math.round(Math.max(0, ...sampleProcesses(h).filter((p) => isWorker(p.name)).map((w) => w.rssMb)));
    let last = { done: 0, dead: 0 };
    const steadyMark: { from?: Parameters<typeof steadyOf>[0] } = {};
    await waitUntil(`${n} reports stored`, async () => {
      last = await h.finished();
      const total = last.done + last.dead;
      if (!steadyMark.from && total >= Math.ceil(n * STEADY_FROM)) steadyMark.from = { at: Date.now(), done: total, cpu: sampleProcesses(h), jobs: await completedJobs(h) };
      while (marks.length < Math.floor(total / window)) {
        marks.push(Date.now());
        const i = marks.length - 1;
        // long runs say how they go as they go (a run cut short still tells its rate and memory so far)
        if (n >= 10_000 && i % 10 === 9) {
          const from = i >= 10 ? marks[i - 10]! : t0;
          const rate = Math.round(((10 * window) / ((marks[i]! - from) / 1000)) * 10) / 10;
          process.stderr.write(`\n  ${(i + 1) * window} finished: ${rate} reports/s over the last ${10 * window}, largest worker RSS ${workerRss()} MB\n`);
        }
      }
      for (let k = 10_000; k <= total; k += 10_000) workerRssAt[k] ??= workerRss();
      o.onProgress?.(total, n);
      return total >= n;
    }, Math.max(600_000, n * 500));
    await dropping;
    const t1 = Date.now();
    const end = { at: t1, done: last.done + last.dead, cpu: sampleProcesses(h), jobs: await completedJobs(h) };
    const steady = steadyMark.from ? steadyOf(steadyMark.from, end) : null;
    const refreshes: QueuedRunResult['refreshes'] = { done: h.refreshes.done, queued: (await h.pipeline.counts())['validate']?.prioritized ?? 0 };
    if (o.drain) refreshes.drain = await drained(h, end.cpu, o.answers.length);
    const cpu = end.cpu.map((p) => ({ ...p, cpuSec: Math.round((p.cpuSec - (cpu0.get(p.name) ?? 0)) * 10) / 10 }));
    const lat = o.answers.flatMap((a) => {
      const done = h.completedAt.get(a.sha256);
      const dropped = droppedAt.get(a.sha256);
      return done && dropped ? [done - dropped] : [];
    }).sort((a, b) => a - b);
    const windows = marks.map((m, i) => Math.round((window / ((m - (i === 0 ? t0 : marks[i - 1]!)) / 1000)) * 10) / 10);
    let tally: Tally | null = null;
    if (o.score) {
      tally = emptyTally();
      const byId = new Map(o.answers.map((a) => [a.sha256, a]));
      for await (const r of h.store.iterate({})) {
        const a = byId.get(r._id);
        if (a) scoreReport(tally, a, r.metrics ?? [], r.findings ?? []);
      }
    }
    if (receiver) {
      // the services export every second: wait until two seconds bring nothing new
      let seen = -1;
      while (seen !== receiver.spans.length) {
        seen = receiver.spans.length;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    return {
      spans: receiver ? receiver.spans : null,
      n, processes: o.processes, seconds: (t1 - t0) / 1000, reportsPerSec: Math.round((n / ((t1 - t0) / 1000)) * 10) / 10,
      latencyMs: { p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99) },
      dead: last.dead, windows, cpu, workerRssMb: workerRss(), workerRssAt, tally, steady, refreshes,
    };
  } finally {
    await h.stop();
    await receiver?.close();
  }
}
