import type { ReceivedSpan } from '@gongkai/telemetry';
import { describe, expect, it } from 'vitest';
import { breakdown } from './span.breakdown.ts';

let n = 0;
const span = (name: string, parent: ReceivedSpan | null, start: number, end: number, attrs: ReceivedSpan['attrs'] = {}): ReceivedSpan => ({
  traceId: 't', spanId: `s${n++}`, parentSpanId: parent?.spanId ?? null, name, kind: 1, start, end, attrs, service: 'x',
});

describe('the cost breakdown from spans', () => {
  it('sums each part per report and stage, counts the db calls inside a job, not those of the next job', () => {
    const job = (report: string, stage: string, t: number) => span(`process ${stage}`, null, t, t + 10, { 'gongkai.stage': stage, 'gongkai.report_id': report });
    const spans: ReceivedSpan[] = [];
    for (const [i, report] of ['a', 'b'].entries()) {
      const j = job(report, 'segment', i * 100);
      const load = span('load input', j, j.start, j.start + 2, { 'gongkai.phase': 'load_input' });
      const run = span('stage run', j, j.start + 2, j.start + 6 + i * 2, { 'gongkai.phase': 'stage_run' });
      const enqueue = span('enqueue next', j, j.start + 8, j.start + 9, { 'gongkai.phase': 'enqueue_next' });
      const add = span('add extract.x', enqueue, j.start + 8, j.start + 9);
      const next = span('process extract', add, j.start + 20, j.start + 25, { 'gongkai.stage': 'extract', 'gongkai.report_id': report });
      spans.push(j, load, run, enqueue, add, next,
        span('get', load, j.start, j.start + 1, { 'db.system.name': 'redis' }),
        span('find', load, j.start + 1, j.start + 2, { 'db.system.name': 'mongodb' }),
        span('evalsha', add, j.start + 8, j.start + 9, { 'db.system.name': 'redis' }),
        span('find', next, j.start + 21, j.start + 22, { 'db.system.name': 'mongodb' }));
    }
    const b = breakdown(spans);
    expect(b.reports).toBe(2);
    const row = (name: string) => b.rows.find((r) => r.name === name);
    expect(row('segment · stage_run')).toMatchObject({ reports: 2, mean: 5, p95: 6 });
    expect(row('segment · redis calls')).toMatchObject({ mean: 2 }); // the get and the add's evalsha
    expect(row('segment · mongodb calls')).toMatchObject({ mean: 1 }); // not the next job's find
    expect(row('extract · mongodb calls')).toMatchObject({ mean: 1 });
    expect(b.overheadMs['segment']).toMatchObject({ job: 10, run: 5, rest: 5 });
  });
});
