/**
 * Validate stage: its speed alone (the other stages run once to make its
 * input), its share of the whole in-process chain, agreement with the seed
 * gold findings, and the findings of every real report (the list reviewed by
 * hand in the validate issue note).
 */
import type { StageOutputs } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { readShared, realCorpusFiles, seedFiles, sharedAvailable, sharedGoldFor, type SharedFile } from '@gongkai/testkit';
import { validate } from '@gongkai/validate';
import { round, timePerCall, type BenchRow, type BenchSection } from './lib.ts';

interface Prepared {
  file: SharedFile;
  outputs: StageOutputs;
  chainMs: number;
}

async function prepare(files: SharedFile[]): Promise<{ ok: Prepared[]; failed: BenchRow[] }> {
  const ok: Prepared[] = [];
  const failed: BenchRow[] = [];
  for (const file of files) {
    try {
      const r = await runInProcess({ bytes: readShared(file.rel), name: file.name });
      ok.push({ file, outputs: r.outputs, chainMs: Object.values(r.ms).reduce((s, v) => s + v, 0) });
    } catch (err) {
      failed.push({ name: short(file), error: (err as Error).message.slice(0, 100) });
    }
  }
  return { ok, failed };
}

function short(f: SharedFile): string {
  const m = /^(\d+)_.*?(\d{4})/.exec(f.name);
  return m ? `${m[1]} (${m[2]})` : f.name.replace(/\.[^.]+$/, '').slice(0, 24);
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  if (!sharedAvailable) return [{ title: 'validate stage', rows: [], notes: ['skipped: ../shared is absent'] }];
  const seeds = await prepare(seedFiles());
  const real = await prepare(realCorpusFiles());
  const all = [...seeds.ok, ...real.ok];

  const minMs = quick ? 200 : 1500;
  const { msPerCall } = await timePerCall(() => {
    for (const p of all) validate(p.outputs);
  }, { minMs, warmup: 2 });
  const perReport = msPerCall / all.length;
  const chainPerReport = all.reduce((s, p) => s + p.chainMs, 0) / all.length;
  const speed: BenchSection = {
    title: 'validate stage speed (validate alone, inputs prepared once)',
    rows: [{
      name: `${all.length} reports (5 seeds + ${real.ok.length} real)`,
      'ms/report': round(perReport, 3),
      'reports/s': round(1000 / perReport, 0),
      'chain ms/report (first run)': round(chainPerReport, 1),
      'validate share of chain': `${round((100 * perReport) / chainPerReport, 1)}%`,
    }],
  };

  const goldRows: BenchRow[] = seeds.ok.map((p) => {
    const gold = sharedGoldFor(p.file.rel);
    const want = (gold?.findings ?? []).filter((f) => f.severity !== 'none').map((f) => `${f.rule}:${f.severity}`).sort();
    const got = p.outputs.validate.findings.map((f) => `${f.rule}:${f.severity}`).sort();
    const missing = want.filter((w) => !got.includes(w));
    const extra = got.filter((g) => !want.includes(g));
    return { name: short(p.file), gold: want.length, reported: got.length, missing: missing.join(' ') || '-', extra: extra.join(' ') || '-' };
  });

  const findingRows: BenchRow[] = [];
  for (const p of real.ok) {
    const { findings, status } = p.outputs.validate;
    const regime = p.outputs.segment.meta.regime;
    if (findings.length === 0) findingRows.push({ name: short(p.file), regime, status, rule: '-', severity: '-', message: '' });
    for (const f of findings) {
      findingRows.push({ name: short(p.file), regime, status, rule: f.rule, severity: f.severity, message: f.message.replace(/\s+/g, ' ').slice(0, 110) });
    }
  }
  return [
    speed,
    { title: 'seed findings against the gold (rule:severity)', rows: goldRows },
    { title: 'findings of every real report', rows: [...findingRows, ...real.failed], notes: ['each reviewed by hand in the validate issue note: publisher problem or false alarm'] },
  ];
}
