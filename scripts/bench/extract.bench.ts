/**
 * Extract stage speed: reports/s on the five seeds and on every real report
 * (decode and segment run once to make its input; only extract() is timed),
 * and its share of the whole in-process chain.
 */
import type { StageOutputs } from '@gongkai/core';
import { extract } from '@gongkai/extract';
import { runInProcess } from '@gongkai/stages';
import { readShared, realCorpusFiles, seedFiles, sharedAvailable, type SharedFile } from '@gongkai/testkit';
import { round, timePerCall, type BenchRow, type BenchSection } from './lib.ts';

interface Prepared {
  name: string;
  chars: number;
  outputs: StageOutputs;
  chainMs: number;
}

async function prepare(files: SharedFile[]): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const file of files) {
    try {
      const r = await runInProcess({ bytes: readShared(file.rel), name: file.name });
      const name = /^(\d+)_.*?(\d{4})年/u.exec(file.name);
      out.push({
        name: name ? `${name[1]} (${name[2]})` : file.name.replace(/\.[^.]+$/u, '').slice(0, 24),
        chars: r.outputs.decode.text.length, outputs: r.outputs,
        chainMs: Object.values(r.ms).reduce((s, v) => s + v, 0),
      });
    } catch {
      // a file the other stages cannot read yet is simply not timed here
    }
  }
  return out;
}

async function speed(title: string, reports: Prepared[], minMs: number): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  for (const p of reports) {
    const { msPerCall } = await timePerCall(() => extract(p.outputs), { minMs: minMs / 4, warmup: 2 });
    rows.push({ name: p.name, chars: p.chars, 'ms/report': round(msPerCall, 3), 'reports/s': round(1000 / msPerCall, 0), metrics: p.outputs.extract.metrics.length });
  }
  const { msPerCall } = await timePerCall(() => {
    for (const p of reports) extract(p.outputs);
  }, { minMs, warmup: 2 });
  const perReport = msPerCall / Math.max(1, reports.length);
  const chain = reports.reduce((s, p) => s + p.chainMs, 0) / Math.max(1, reports.length);
  rows.push({ name: 'all', chars: reports.reduce((s, p) => s + p.chars, 0), 'ms/report': round(perReport, 3), 'reports/s': round(1000 / perReport, 0) });
  return {
    title, rows,
    notes: [`extract is ${round((perReport / chain) * 100, 1)}% of the in-process chain (${round(chain, 1)} ms/report for all four stages, one cold run each)`],
  };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  if (!sharedAvailable) return [{ title: 'extract stage', rows: [], notes: ['skipped: ../shared is absent'] }];
  const minMs = quick ? 300 : 2000;
  const seeds = await prepare(seedFiles());
  const real = await prepare(realCorpusFiles());
  return [
    await speed('extract stage: seeds (extract() alone)', seeds, minMs),
    await speed('extract stage: real corpus (extract() alone)', real, minMs),
  ];
}
