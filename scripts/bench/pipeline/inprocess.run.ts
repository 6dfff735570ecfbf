/** The ceiling: the four stages called directly in a loop on one core, no Redis, no MongoDB. */
import { STAGES, type StageName } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer } from '../../corpus/corpus.types.ts';

export interface InProcessResult {
  n: number;
  reportsPerSec: number;
  msPerReport: number;
  stageMs: Record<StageName, number>;
}

export async function inProcessRun(corpusDir: string, answers: readonly Answer[]): Promise<InProcessResult> {
  const files = answers.map((a) => ({ name: a.file.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(corpusDir, a.file))) }));
  for (const f of files.slice(0, 20)) await runInProcess(f).catch(() => null); // warm-up (pdf.js, opencc tables)
  const stageMs = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageName, number>;
  const t0 = performance.now();
  for (const f of files) {
    const r = await runInProcess(f).catch(() => null);
    // a stage a report does not enter (ocr, for a file with a text layer) has no time
    if (r) for (const s of STAGES) stageMs[s] += r.ms[s] ?? 0;
  }
  const ms = performance.now() - t0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: files.length,
    reportsPerSec: round((files.length / ms) * 1000),
    msPerReport: round(ms / files.length),
    stageMs: Object.fromEntries(STAGES.map((s) => [s, round(stageMs[s] / files.length)])) as Record<StageName, number>,
  };
}
