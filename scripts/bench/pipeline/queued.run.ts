/**
 * One measured run of the queued pipeline: N generated reports dropped into
 * the inbox of a pipeline started as `gongkai start` starts it, timed from
 * the first drop to the last stored document; latency per report from its
 * drop to its validate job's completion; CPU seconds and RSS per process;
 * throughput per window of 1,000 reports (does it slow down as the
 * collections grow?); accuracy of the stored documents against the answers.
 */
import { linkSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Answer } from '../../corpus/corpus.types.ts';
import { emptyTally, scoreReport, type Tally } from '../../corpus/corpus.score.ts';
import { percentile, sampleProcesses, startHarness, waitUntil, type ProcStat } from './pipeline.harness.ts';

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
  tally: Tally | null;
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

export async function queuedRun(o: {
  corpusDir: string;
  answers: readonly Answer[];
  processes: number;
  score: boolean;
  window?: number;
  onProgress?: (done: number, n: number) => void;
}): Promise<QueuedRunResult> {
  const n = o.answers.length;
  const h = await startHarness('bench', { GONGKAI_STAGE_PROCESSES: String(o.processes) });
  try {
    await new Promise((r) => setTimeout(r, 3000)); // services up
    const cpu0 = new Map(sampleProcesses(h).map((p) => [p.name, p.cpuSec]));
    const droppedAt = new Map<string, number>();
    const t0 = Date.now();
    for (const a of o.answers) {
      dropFile(o.corpusDir, h.config.inbox, a.file);
      droppedAt.set(a.sha256, Date.now());
    }
    const window = o.window ?? 1000;
    const marks: number[] = [];
    let last = { done: 0, dead: 0 };
    await waitUntil(`${n} reports stored`, async () => {
      last = await h.finished();
      const total = last.done + last.dead;
      while (marks.length < Math.floor(total / window)) marks.push(Date.now());
      o.onProgress?.(total, n);
      return total >= n;
    }, Math.max(600_000, n * 500));
    const t1 = Date.now();
    const cpu = sampleProcesses(h).map((p) => ({ ...p, cpuSec: Math.round((p.cpuSec - (cpu0.get(p.name) ?? 0)) * 10) / 10 }));
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
    const workers = cpu.filter((p) => /^(decoder|segmenter|extractor|validator)/.test(p.name));
    return {
      n, processes: o.processes, seconds: (t1 - t0) / 1000, reportsPerSec: Math.round((n / ((t1 - t0) / 1000)) * 10) / 10,
      latencyMs: { p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99) },
      dead: last.dead, windows, cpu, workerRssMb: Math.round(Math.max(0, ...workers.map((w) => w.rssMb))), tally,
    };
  } finally {
    await h.stop();
  }
}
