/**
 * The progress ledger's step write (`advance`), on real Redis: one round
 * trip that reads the earlier record's risk and writes the step, or lets a
 * finished run without risk leave the ledger.
 */
import type { Progress } from '@gongkai/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/test-env.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await testEnv('progress');
});
afterAll(async () => {
  await t?.cleanup();
});

const step = (reportId: string, runId: string, over: Partial<Progress> = {}): Progress => ({
  reportId, runId, stage: 'segment', next: { stage: 'extract', jobId: `${reportId}-extract` }, heal: 0, risk: false, at: Date.now(), ...over,
});
const dueOf = (id: string) => t.pipeline.connection.zscore(`${t.config.queuePrefix}:progress:due`, id);

describe('progress ledger: a step in one round trip', () => {
  it('writes the step and when to look again; a run finished without risk leaves the ledger', async () => {
    const ledger = t.pipeline.progress;
    expect(await ledger.advance(step('a', 'run1'), 1000)).toBe(false);
    expect(await ledger.get('a')).toMatchObject({ runId: 'run1', stage: 'segment', risk: false, next: { stage: 'extract' } });
    expect(await dueOf('a')).toBe('1000');
    expect(await ledger.advance(step('a', 'run1', { stage: 'validate', next: null }), 2000)).toBe(false);
    expect(await ledger.get('a')).toBeNull();
    expect(await dueOf('a')).toBeNull();
  });

  it('carries the risk of an earlier step of the same run, not of another run', async () => {
    const ledger = t.pipeline.progress;
    expect(await ledger.advance(step('b', 'run1', { risk: true }), 1000)).toBe(true);
    // a later step of the run, itself not retried: still at risk, and kept after the last stage for one more check
    expect(await ledger.advance(step('b', 'run1', { stage: 'extract' }), 2000)).toBe(true);
    expect(await ledger.get('b')).toMatchObject({ stage: 'extract', risk: true });
    expect(await ledger.advance(step('b', 'run1', { stage: 'validate', next: null }), 3000)).toBe(true);
    expect(await ledger.get('b')).toMatchObject({ stage: 'validate', next: null, risk: true });
    expect(await dueOf('b')).toBe('3000');
    // a new run of the report starts clean
    expect(await ledger.advance(step('b', 'run2', { stage: 'validate', next: null }), 4000)).toBe(false);
    expect(await ledger.get('b')).toBeNull();
  });

  // Redis is shared by the test files running at once: counts are server-wide, so only our own EVALs are known to be
  // absent (the only EVAL in the code was this one); the script cache is not flushed here (a restart is the soak's part)
  it('sends the step script by its SHA, not the whole script on every step', async () => {
    const ledger = t.pipeline.progress;
    const calls = async () => {
      const info = await t.pipeline.connection.info('commandstats');
      const n = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
      return { eval: n('eval'), evalsha: n('evalsha') };
    };
    expect(await ledger.advance(step('c', 'run1'), 1000)).toBe(false);
    const before = await calls();
    for (let i = 0; i < 5; i++) await ledger.advance(step('c', 'run1', { at: Date.now() + i }), 1000 + i);
    const after = await calls();
    expect(after.evalsha - before.evalsha).toBeGreaterThanOrEqual(5);
    expect(after.eval - before.eval).toBe(0);
    expect(await ledger.get('c')).toMatchObject({ stage: 'segment', at: expect.any(Number) });
  });

  it('owes a done run\'s context refreshes: flags its record, or writes one, but leaves another run\'s alone', async () => {
    const ledger = t.pipeline.progress;
    const last = (reportId: string, runId: string, over: Partial<Progress> = {}) => step(reportId, runId, { stage: 'validate', next: null, ...over });
    // the run left the ledger (done without risk): a record comes back, flagged, due when asked
    expect(await ledger.owe(last('d', 'run1'), 5000)).toBe(true);
    expect(await ledger.get('d')).toMatchObject({ runId: 'run1', stage: 'validate', next: null, refresh: true, risk: false });
    expect(await dueOf('d')).toBe('5000');
    // the run is still in the ledger (at risk): its record keeps what it says and gets the flag
    expect(await ledger.advance(last('e', 'run1', { risk: true, heal: 1 }), 1000)).toBe(true);
    expect(await ledger.owe(last('e', 'run1'), 6000)).toBe(true);
    expect(await ledger.get('e')).toMatchObject({ runId: 'run1', risk: true, heal: 1, refresh: true });
    expect(await dueOf('e')).toBe('6000');
    // a newer run of the report is in flight: its record stays as it is (its own last stage refreshes)
    expect(await ledger.advance(step('f', 'run2'), 1000)).toBe(false);
    expect(await ledger.owe(last('f', 'run1'), 7000)).toBe(false);
    expect(await ledger.get('f')).toMatchObject({ runId: 'run2', stage: 'segment' });
    expect((await ledger.get('f'))!.refresh).toBeUndefined();
    expect(await dueOf('f')).toBe('1000');
  });
});
