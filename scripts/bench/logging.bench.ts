/**
 * npm run bench -- logging
 *
 * What a log line costs the event loop that runs the stage jobs: the same
 * `stage done` line (a child logger with the job's fields, as the stage
 * worker logs it) written N times through the service logger, synchronous
 * (GONGKAI_LOG_ASYNC=0: each line written before the call returns) against
 * asynchronous (pino's asynchronous destination), in alternating rounds in
 * one process so both see the same machine. Lines go to a file.
 */
import { createLogger } from '@gongkai/runtime';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, type BenchSection } from './lib.ts';

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const lines = quick ? 5_000 : 20_000;
  const rounds = quick ? 3 : 6;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-logbench-'));
  const fd = openSync(join(dir, 'log.jsonl'), 'a');
  const us = { sync: [] as number[], async: [] as number[] };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const mode of ['sync', 'async'] as const) {
        const log = createLogger({ logLevel: 'info', logAsync: mode === 'async' }, 'bench', { fd });
        const child = log.child({ reportId: 'a'.repeat(64), stage: 'segment', attempt: 1, jobId: 'job-1', runId: 'r1' });
        const t0 = performance.now();
        for (let i = 0; i < lines; i++) child.info({ ms: 12.3, next: 'extract' }, 'stage done');
        us[mode].push(((performance.now() - t0) * 1000) / lines);
        log.flush();
        await new Promise((res) => setTimeout(res, 200)); // the asynchronous writes drain between rounds
      }
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const s = median(us.sync);
  const a = median(us.async);
  return [{
    title: `logging: a job's log line on the event loop (${lines} lines × ${rounds} rounds each, alternating, one process)`,
    rows: [
      { name: 'synchronous (GONGKAI_LOG_ASYNC=0)', 'µs/line (median round)': round(s, 2), rounds: us.sync.map((x) => round(x, 1)).join(' ') },
      { name: 'asynchronous (default)', 'µs/line (median round)': round(a, 2), rounds: us.async.map((x) => round(x, 1)).join(' '), 'vs synchronous': round(a / s, 2) },
    ],
  }];
}
