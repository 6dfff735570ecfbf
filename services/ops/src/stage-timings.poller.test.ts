import type { StageName } from '@gongkai/core';
import { createLogger } from '@gongkai/runtime';
import { describe, expect, it } from 'vitest';
import { StageTimings } from './stage-timings.poller.ts';

type Job = { id: string; processedOn: number; finishedOn: number; returnvalue?: unknown };

/** A completed set as BullMQ keeps it: newest finishedOn first, paged. */
function fakePipeline(jobs: Record<string, Job[]>) {
  const queue = (stage: string) => ({
    getJobs: async (_types: string[], start: number, end: number) =>
      [...(jobs[stage] ?? [])].sort((a, b) => b.finishedOn - a.finishedOn).slice(start, end + 1),
  });
  return { queues: { decode: queue('decode'), segment: queue('segment'), extract: queue('extract'), validate: queue('validate') } } as never;
}

const log = createLogger({ logLevel: 'silent' } as never, 'test');

function harness(jobs: Record<string, Job[]>, since = 0, pageSize = 2) {
  const seen: Array<[StageName, number]> = [];
  const t = new StageTimings(fakePipeline(jobs), (s, sec) => seen.push([s, sec]), log, { since, pageSize });
  return { t, seen };
}

describe('StageTimings', () => {
  it('observes each completed job once, across pages and polls, ties at the high-water mark included', async () => {
    const decode: Job[] = [
      { id: 'a', processedOn: 1000, finishedOn: 1250 },
      { id: 'b', processedOn: 1100, finishedOn: 1300 },
      { id: 'c', processedOn: 1200, finishedOn: 1300 },
    ];
    const { t, seen } = harness({ decode });
    await t.poll();
    expect(seen.map(([, s]) => s).sort()).toEqual([0.1, 0.2, 0.25]);
    await t.poll();
    expect(seen).toHaveLength(3);
    // a job finishing in the same millisecond as the mark, and a later one
    decode.push({ id: 'd', processedOn: 1290, finishedOn: 1300 }, { id: 'e', processedOn: 1300, finishedOn: 2300 });
    await t.poll();
    expect(seen.slice(3).map(([, s]) => s).sort()).toEqual([0.01, 1]);
  });

  it('skips jobs finished before `since` and stale jobs (a newer run made them no-ops)', async () => {
    const { t, seen } = harness({
      extract: [
        { id: 'old', processedOn: 0, finishedOn: 500 },
        { id: 'stale', processedOn: 900, finishedOn: 1000, returnvalue: { stale: true } },
        { id: 'ok', processedOn: 900, finishedOn: 1400, returnvalue: { ms: 480, next: 'validate' } },
      ],
    }, 800);
    await t.poll();
    expect(seen).toEqual([['extract', 0.5]]);
  });
});
