/**
 * npm run bench -- pipeline   (sizes: BENCH_PIPELINE_N=1000, BENCH_PIPELINE_SCALE=10000,100000)
 *
 * The queued pipeline against its ceiling, on generated reports
 * (scripts/corpus): the four stages in a loop on one core; the pipeline as
 * `gongkai start` runs it (embedded Redis + FerretDB, one process per
 * service) with 1 and 2 worker processes per stage, from drop to stored
 * document; the queued/in-process ratio; where the CPU goes (per process);
 * Redis memory per waiting job; and, with BENCH_PIPELINE_SCALE, throughput
 * and worker RSS at larger sizes (does anything grow with the collections?).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAnswers, writeCorpus } from '../corpus/corpus.generate.ts';
import { summarize, topKeys } from '../corpus/corpus.score.ts';
import { inProcessRun } from './pipeline/inprocess.run.ts';
import { STEADY_FROM, queuedRun, type QueuedRunResult } from './pipeline/queued.run.ts';
import { redisMemory } from './pipeline/redis.memory.ts';
import { breakdown } from './pipeline/span.breakdown.ts';
import { printSection, round, type BenchRow, type BenchSection } from './lib.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export function corpus(n: number) {
  const dir = join(repo, '.corpus', `n${n}-s1`);
  writeCorpus(dir, n, { seed: 1 });
  return { dir, answers: readAnswers(dir) };
}

export const progress = (label: string) => (done: number, n: number) => process.stderr.write(`\r  ${label}: ${done}/${n}   `);

function queuedRow(r: QueuedRunResult, ceiling: number): BenchRow {
  return {
    name: `queued, ${r.processes} process${r.processes > 1 ? 'es' : ''}/stage`, reports: r.n, 'reports/s': r.reportsPerSec,
    'queued/in-process': round(r.reportsPerSec / ceiling, 2), 'p50 ms': r.latencyMs.p50, 'p95 ms': r.latencyMs.p95, 'p99 ms': r.latencyMs.p99,
    'dead-lettered': r.dead, 'worker RSS MB': r.workerRssMb, ...refreshColumns(r),
  };
}

/** The context refreshes: run during the run / queued at its end; with a drain, all of them and what running out the queued ones cost. */
const refreshColumns = (r: QueuedRunResult): Omit<BenchRow, 'name'> => ({
  'refreshes run/queued': `${r.refreshes.done}/${r.refreshes.queued}`,
  ...(r.refreshes.drain ? { 'refreshes in all': r.refreshes.drain.total, 'drain s': r.refreshes.drain.seconds, 'drain CPU ms/report': r.refreshes.drain.cpuMsPerReport } : {}),
});

const cpuPerReport = (r: QueuedRunResult) => round((r.cpu.reduce((s, p) => s + p.cpuSec, 0) * 1000) / r.n, 1);

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = Number(process.env['BENCH_PIPELINE_N'] ?? (quick ? 300 : 1000));
  const { dir, answers } = corpus(n);
  const sections: BenchSection[] = [];
  // each section is also printed as soon as it is measured: a long scale run cut short keeps what came before
  const add = (section: BenchSection) => {
    sections.push(section);
    printSection(section, process.stderr);
  };

  const ip = await inProcessRun(dir, answers);
  add({
    title: `pipeline: in-process ceiling (${n} generated reports, one core)`,
    rows: [{ name: 'four stages in a loop', reports: ip.n, 'reports/s': ip.reportsPerSec, 'ms/report': ip.msPerReport, ...Object.fromEntries(Object.entries(ip.stageMs).map(([s, v]) => [`${s} ms`, v])) }],
  });

  const runs: QueuedRunResult[] = [];
  for (const processes of (process.env['BENCH_PIPELINE_PROCESSES'] ?? '1,2').split(',').map(Number).filter((x) => x > 0)) {
    runs.push(await queuedRun({ corpusDir: dir, answers, processes, score: processes === 1, drain: true, onProgress: progress(`queued ×${processes}`) }));
    process.stderr.write('\n');
  }
  const first = runs[0]!;
  add({
    title: 'pipeline: queued on embedded Redis + FerretDB (drop → stored document)',
    rows: [{ name: 'in-process ceiling', reports: ip.n, 'reports/s': ip.reportsPerSec, 'queued/in-process': 1 }, ...runs.map((r) => queuedRow(r, ip.reportsPerSec))],
    notes: [
      'latency: from the file landing in the inbox to its validate job completing, with the whole batch dropped at once (so it includes the wait behind the backlog)',
      `throughput per 1,000 reports (×1): ${first.windows.join(' · ') || 'n/a'}`,
      ...(first.refreshes.drain && first.refreshes.queued > 0 ? [`refreshes queued at the end (×1), ms CPU per refresh in the drain: ${Object.entries(first.refreshes.drain.perRefresh).map(([p, ms]) => `${p} ${ms}`).join(', ')}`] : []),
    ],
  });
  add({
    title: 'pipeline: where the CPU goes (queued, 1 process/stage)',
    rows: first.cpu.sort((a, b) => b.cpuSec - a.cpuSec).map((p) => ({
      name: p.name, 'CPU s': p.cpuSec, 'ms CPU/report': round((p.cpuSec * 1000) / first.n, 1), 'share': `${round((100 * p.cpuSec) / first.cpu.reduce((s, q) => s + q.cpuSec, 0), 0)}%`,
      'steady ms/job': first.steady?.perProcess[p.name] ?? '', 'RSS MB': round(p.rssMb, 0),
    })),
    notes: [
      `in-process: ${ip.msPerReport} ms CPU per report for the four stages`,
      first.steady
        ? `steady (the last ${first.steady.reports} reports, after the first ${Math.round(STEADY_FROM * 100)}% finished: start-up costs behind): ${first.steady.reportsPerSec} reports/s (queued/in-process ${round(first.steady.reportsPerSec / ip.reportsPerSec, 2)}), ${first.steady.cpuMsPerReport} ms CPU per report; 'steady ms/job' is per job of the process's stage for a stage worker, per report for the others`
        : 'steady: not measured (a queue reached BullMQ\'s retention of completed jobs)',
    ],
  });
  if (first.tally) {
    const s = summarize(first.tally);
    add({
      title: 'pipeline: accuracy of the stored documents against the generator\'s answers',
      rows: [{ name: 'all', ...s }, ...Object.entries(first.tally.slices).sort().map(([k, v]) => ({ name: k, files: v.files, 'metric recall': `${round((100 * v.found) / Math.max(1, v.stated), 1)}%` }))],
      notes: [`most missed: ${topKeys(first.tally.misses) || 'none'}`, `most wrongly filled: ${topKeys(first.tally.wrongs) || 'none'}`],
    });
  }
  // the same run traced: the cost breakdown per stage from the spans, and what tracing itself costs
  if (process.env['BENCH_PIPELINE_TRACED'] !== '0') {
    const tr = await queuedRun({ corpusDir: dir, answers, processes: 1, score: false, traced: true, onProgress: progress('traced ×1') });
    process.stderr.write('\n');
    const b = breakdown(tr.spans ?? []);
    add({
      title: `pipeline: where a stage job's time goes (traced, 1 process/stage, ${b.reports} reports; ms per report)`,
      rows: b.rows,
      notes: [
        'job: BullMQ\'s process span (load input → completed); queue_wait is before it; thread_hop = to the thread and back, without the stage run',
        'redis/mongodb: client calls inside the job (count and ms per report), including those inside load_input, store_write…',
        ...Object.entries(b.overheadMs).map(([s, o]) => `${s}: job ${o.job} ms, stage run ${o.run} ms, the rest ${o.rest} ms (of which Redis calls ${o.redis}, MongoDB calls ${o.mongodb})`),
        `tracing on against off (same corpus, 1 process/stage): ${round(tr.reportsPerSec / first.reportsPerSec, 2)} of the throughput; CPU per report ${cpuPerReport(tr)} against ${cpuPerReport(first)} ms`,
      ],
    });
  }

  // a setting against its alternatives, each a run of its own in this one bench: BENCH_PIPELINE_AB="KEY=a,b"
  // ("K1+K2=a,b": several settings given each value together, e.g. the concurrency of several stages;
  // BENCH_PIPELINE_AB_ENV="K=v K2=v2": more settings for those runs, e.g. LOG_LEVEL=info)
  const ab = process.env['BENCH_PIPELINE_AB'];
  if (ab) {
    const [key, values] = ab.split('=') as [string, string];
    const extra = Object.fromEntries((process.env['BENCH_PIPELINE_AB_ENV'] ?? '').split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
    const abRuns: Array<{ value: string; r: QueuedRunResult }> = [];
    for (const value of values.split(',')) {
      const set = Object.fromEntries(key.split('+').map((k) => [k, value]));
      abRuns.push({ value, r: await queuedRun({ corpusDir: dir, answers, processes: 1, score: false, drain: true, env: { ...extra, ...set }, onProgress: progress(`${key}=${value}`) }) });
      process.stderr.write('\n');
    }
    const base = abRuns[0]!.r;
    add({
      title: `pipeline: ${key} (queued, 1 process/stage, ${n} reports; one run each${Object.keys(extra).length ? `; with ${process.env['BENCH_PIPELINE_AB_ENV']}` : ''})`,
      rows: abRuns.map(({ value, r }) => ({
        name: `${key}=${value}`, 'reports/s': r.reportsPerSec, 'vs first': round(r.reportsPerSec / base.reportsPerSec, 2), 'CPU ms/report': cpuPerReport(r),
        'steady reports/s': r.steady?.reportsPerSec ?? '', 'steady CPU ms/report': r.steady?.cpuMsPerReport ?? '',
        ...refreshColumns(r),
        ...Object.fromEntries(r.cpu.filter((p) => p.cpuSec > 0).sort((a, b) => a.name.localeCompare(b.name)).map((p) => [p.name, round((p.cpuSec * 1000) / r.n, 1)])),
      })),
    });
  }

  // latency under a steady load: files arriving at a fixed share of the measured capacity
  const shares = (process.env['BENCH_PIPELINE_STEADY'] ?? '0.5,0.8').split(',').map(Number).filter((x) => x > 0);
  if (shares.length > 0) {
    const rows: BenchRow[] = [];
    for (const share of shares) {
      const rate = round(first.reportsPerSec * share, 1);
      const r = await queuedRun({ corpusDir: dir, answers, processes: 1, score: false, ratePerSec: rate, onProgress: progress(`steady ${share}`) });
      process.stderr.write('\n');
      rows.push({ name: `${Math.round(share * 100)}% of capacity`, 'arrivals/s': rate, 'reports/s': r.reportsPerSec, 'p50 ms': r.latencyMs.p50, 'p95 ms': r.latencyMs.p95, 'p99 ms': r.latencyMs.p99, 'dead-lettered': r.dead });
    }
    add({
      title: `pipeline: latency under a steady load (1 process/stage, ${n} reports, capacity ${first.reportsPerSec} reports/s from the ×1 run)`,
      rows,
      notes: ['latency: from the file landing in the inbox to its validate job completing (the watcher waits GONGKAI_STABLE_MS=300 for a file to settle)'],
    });
  }

  const mem = await redisMemory(quick ? 2000 : 10_000, { dir, files: answers.slice(0, 500).map((a) => a.file) });
  add({
    title: 'pipeline: Redis memory',
    rows: [
      { name: 'per waiting job (decode, reference payload)', count: mem.jobs, bytes: round(mem.bytesPerJob, 0) },
      { name: 'per report between decode and validate (handoff)', count: mem.handoffReports, bytes: mem.bytesPerHandoff },
    ],
  });

  const scale = (process.env['BENCH_PIPELINE_SCALE'] ?? '').split(',').map(Number).filter((x) => x > 0);
  if (scale.length > 0) {
    const rows: BenchRow[] = [];
    for (const size of scale) {
      const c = corpus(size);
      const r = await queuedRun({ corpusDir: c.dir, answers: c.answers, processes: 1, score: false, onProgress: progress(`scale ${size}`) });
      process.stderr.write('\n');
      const w = r.windows;
      const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 1) : 0);
      rows.push({
        ...queuedRow(r, ip.reportsPerSec), 'first 1k/s': w[0] ?? 0, 'last 1k/s': w[w.length - 1] ?? 0,
        // the 10,000 reports around the 10k mark against the last 10,000: does it slow down as collections grow?
        '1k-10k/s': mean(w.slice(0, 10)), 'last 10k/s': mean(w.slice(-10)), 'RSS MB at 10k': r.workerRssAt[10_000] ?? '',
      });
      if (Object.keys(r.workerRssAt).length > 1) {
        add({
          title: `pipeline: worker RSS while ${size} reports go through (1 process/stage)`,
          rows: Object.entries(r.workerRssAt).map(([k, mb]) => ({ name: `after ${k} reports`, 'largest worker RSS MB': mb })),
        });
      }
    }
    add({ title: 'pipeline: scale (1 process/stage)', rows, notes: ['RSS: the largest stage worker process, at the end of each run and when 10,000 reports had finished'] });
  }
  return sections;
}
