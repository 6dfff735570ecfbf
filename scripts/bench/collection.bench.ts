/**
 * npm run bench -- collection   (BENCH_COLLECTION_N=500, BENCH_COLLECTION_SIZES=0,10000,100000)
 *
 * Does the queued pipeline slow down as the reports collection grows? The
 * same N generated reports run through the pipeline (as `gongkai start` runs
 * it, embedded Redis + FerretDB, 1 process per stage) onto a collection
 * already holding 0, 10,000… finished documents (copies of one stored
 * report), so the cost of a 100,000-document collection is measured without
 * hours of feeding it through the queue. Flat reports/s = every hot lookup
 * is indexed.
 */
import { round, type BenchRow, type BenchSection } from './lib.ts';
import { corpus, progress } from './pipeline.bench.ts';
import { queuedRun } from './pipeline/queued.run.ts';

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = Number(process.env['BENCH_COLLECTION_N'] ?? (quick ? 200 : 500));
  const sizes = (process.env['BENCH_COLLECTION_SIZES'] ?? (quick ? '0,2000' : '0,10000')).split(',').map(Number).filter((x) => x >= 0);
  const c = corpus(n);
  const rows: BenchRow[] = [];
  let base = 0;
  for (const size of sizes) {
    const r = await queuedRun({ corpusDir: c.dir, answers: c.answers, processes: 1, score: false, prefill: size, onProgress: progress(`onto ${size}`) });
    process.stderr.write('\n');
    base ||= r.reportsPerSec;
    rows.push({ name: `${n} reports onto ${size.toLocaleString('en')} documents`, 'reports/s': r.reportsPerSec, 'vs first': round(r.reportsPerSec / base, 2), 'p50 latency s': round(r.latencyMs.p50 / 1000, 0), 'worker RSS MB': r.workerRssMb });
  }
  return [{ title: 'pipeline: throughput against a growing collection (1 process/stage)', rows }];
}
