import { describe, expect, it } from 'vitest';
import { reportFieldsOf, stageOutputOf, type Report, type StageRun } from './report.types.ts';

const run: StageRun = { ms: 1, attempts: 1, at: '2026-01-01T00:00:00Z', runId: 'r1', version: '1' };
const segment = { meta: { regime: 'A' }, sections: [], paragraphs: [], spans: [], tables: [] } as never;

describe('stageOutputOf', () => {
  it('rebuilds a stored output from the document', () => {
    const report = { pipeline: { runId: 'r1', version: '1', stages: { segment: run } }, ...reportFieldsOf('segment', segment) } as Partial<Report>;
    expect(stageOutputOf('segment', report)).toEqual(segment);
  });

  it('is null when the stage has no run record in this run, even if old fields are there', () => {
    const report = { pipeline: { runId: 'r2', version: '1', stages: {} }, ...reportFieldsOf('segment', segment) } as Partial<Report>;
    expect(stageOutputOf('segment', report)).toBeNull();
  });

  it('is null when the stage ran but handed its output on (a run record without the fields)', () => {
    const report = { pipeline: { runId: 'r1', version: '1', stages: { decode: run, segment: run, extract: run } } } as Partial<Report>;
    expect(stageOutputOf('decode', report)).toBeNull();
    expect(stageOutputOf('segment', report)).toBeNull();
    expect(stageOutputOf('extract', report)).toBeNull();
  });
});
