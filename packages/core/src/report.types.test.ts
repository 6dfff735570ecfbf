import { describe, expect, it } from 'vitest';
import { reportFieldsOf, stageOutputOf, type Report, type StageRun } from './report.types.ts';
import type { StageOutputs } from './stage.catalogue.ts';
import { STAGES, byStage } from './stages.ts';

const run: StageRun = { ms: 1, attempts: 1, at: '2026-01-01T00:00:00Z', runId: 'r1', version: '1' };
const segment = { meta: { regime: 'A' }, sections: [], paragraphs: [], spans: [], tables: [] } as never;

/** One small output per stage, shaped as the stage makes it. */
const OUTPUTS: StageOutputs = {
  decode: { decode: { format: 'txt' } as never, text: '一、总体情况', pageMeta: {}, offsetMap: [] },
  ocr: { decode: { format: 'image', ocr: { engine: 'tesseract' } } as never, text: '一、总体情况', pageMeta: {}, offsetMap: [], regions: [] },
  segment,
  extract: { metrics: [{ key: 'requests.received.total', value: 41 } as never], mentions: [], breakdowns: [] },
  validate: { findings: [], status: 'valid' },
};

describe('reportFieldsOf / stageOutputOf', () => {
  it.each(STAGES.map((s) => [s]))('a stored %s output comes back as it was', (stage) => {
    const report = { status: 'processing', pipeline: { runId: 'r1', version: '1', stages: { [stage]: run } }, ...reportFieldsOf(stage, OUTPUTS[stage]) } as Partial<Report>;
    expect(stageOutputOf(stage, report)).toEqual(OUTPUTS[stage]);
  });

  it('fills absent optional fields with their empty values (documents stored before a field existed)', () => {
    const report = { pipeline: { runId: 'r1', version: '1', stages: { extract: run } }, metrics: [] } as Partial<Report>;
    expect(stageOutputOf('extract', report)).toEqual({ metrics: [], mentions: [], breakdowns: [] });
  });

  it('a validate output counts as stored only once the report is done', () => {
    const report = { status: 'processing', pipeline: { runId: 'r1', version: '1', stages: { validate: run } }, findings: [] } as Partial<Report>;
    expect(stageOutputOf('validate', report)).toBeNull();
  });

  it('puts validate status on the report, and no other stage touches it', () => {
    const fields = byStage((s) => Object.keys(reportFieldsOf(s, OUTPUTS[s])));
    expect(fields.validate).toEqual(['findings', 'status']);
    for (const s of STAGES.slice(0, -1)) expect(fields[s]).not.toContain('status');
  });
});

describe('stageOutputOf', () => {
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
