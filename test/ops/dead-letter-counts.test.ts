/**
 * Dead letters still dead, counted by stage in one pass (what /metrics and
 * /api/dead-letters show), on a real MongoDB-protocol server: the same as
 * counting each stage apart, with replayed ones left out and stages without
 * any absent.
 */
import { STAGES, type StageName } from '@gongkai/core';
import type { NewDeadLetter } from '@gongkai/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('deadcounts');
});
afterAll(async () => {
  await t?.cleanup();
});

const letter = (reportId: string, stage: StageName): NewDeadLetter => ({
  reportId, stage, queue: stage, jobId: `${reportId}-${stage}-j`, payload: { reportId, runId: 'r1' },
  error: { class: 'PipelineError', code: 'UNDECODABLE', message: 'no text', stack: null, retryable: false },
  attemptsMade: 1, firstSeenAt: new Date().toISOString(), deadLetteredAt: new Date().toISOString(), host: 'test', pid: 1,
});

describe('dead letters counted by stage', () => {
  it('gives each stage\'s count of dead letters still dead, in one aggregate', async () => {
    expect(await t.store.countDeadLettersByStage()).toEqual({});
    for (let i = 0; i < 5; i++) await t.store.putDeadLetter(letter(`a${i}`, 'decode'));
    for (let i = 0; i < 3; i++) await t.store.putDeadLetter(letter(`b${i}`, 'extract'));
    await t.store.putDeadLetter(letter('c0', 'validate'));
    // a second death of the same report and stage is one dead letter
    await t.store.putDeadLetter(letter('a0', 'decode'));
    // one replayed: no longer counted
    expect(await t.store.claimDeadLetter('b0-extract', 'op')).not.toBeNull();
    await t.store.finishReplay('b0-extract', 'op', 'job-1');
    const byStage = await t.store.countDeadLettersByStage();
    expect(byStage).toEqual({ decode: 5, extract: 2, validate: 1 });
    for (const s of STAGES) expect(byStage[s] ?? 0, s).toBe(await t.store.countDeadLetters(s));
  });
});
