import { describe, expect, it } from 'vitest';
import { STAGE_CATALOGUE } from './stage.catalogue.ts';
import type { DecodeResult } from './decode.types.ts';
import type { StageName } from './stage.catalogue.ts';
import { STAGES, STAGE_SERVICES, amendsOf, enters, needsOf, nextStage, previousStage, skippedAfter, stagesBefore } from './stages.ts';

describe('the stage catalogue', () => {
  it.each(STAGES.map((s) => [s]))('%s needs only stages that come before it', (stage) => {
    for (const need of needsOf(stage)) expect(stagesBefore(stage), `${stage} needs ${need}`).toContain(need);
  });

  it('a conditional stage reads only outputs the stage before it has in hand, and that stage is not conditional', () => {
    for (const s of STAGES.filter((x) => 'when' in STAGE_CATALOGUE[x])) {
      const before = previousStage(s);
      expect(before, s).not.toBe('intake');
      expect('when' in STAGE_CATALOGUE[before as StageName], `${s} follows the conditional ${before}`).toBe(false);
      const inHand = [before, ...needsOf(before as StageName)];
      for (const n of needsOf(s)) expect(inHand, `${s} needs ${n}`).toContain(n);
    }
  });

  it('an amending stage comes after the stage it amends, is conditional, and no stage needs it by name', () => {
    for (const s of STAGES.filter((x) => amendsOf(x))) {
      expect(stagesBefore(s)).toContain(amendsOf(s));
      expect('when' in STAGE_CATALOGUE[s], s).toBe(true);
      for (const t of STAGES) expect(needsOf(t), `${t} needs ${s}: it should need ${amendsOf(s)}`).not.toContain(s);
    }
  });

  it('ocr is entered only by a decode output that needs OCR, and not again once read', () => {
    const decoded = (facts: Partial<DecodeResult['decode']>): DecodeResult => ({
      decode: { format: 'pdf', encoding: 'binary', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [], ...facts },
      text: '', pageMeta: {}, offsetMap: [],
    });
    expect(nextStage('decode', { decode: decoded({}) })).toBe('segment');
    expect(skippedAfter('decode', { decode: decoded({}) })).toEqual(['ocr']);
    expect(nextStage('decode', { decode: decoded({ needsOcr: 'no-text-layer' }) })).toBe('ocr');
    expect(skippedAfter('decode', { decode: decoded({ needsOcr: 'image' }) })).toEqual([]);
    const read = decoded({ needsOcr: 'image', ocr: { engine: 'tesseract', version: '5', pages: 1, meanConfidence: 0.9 } });
    expect(enters('ocr', { decode: read })).toBe(false);
    expect(() => enters('ocr', {})).toThrow(/decode output is not in hand/);
  });

  it('only the first stage reads the raw file (needs nothing)', () => {
    expect(STAGES.filter((s) => needsOf(s).length === 0)).toEqual([STAGES[0]]);
  });

  it('only the last stage sets the report status (it ends a run)', () => {
    expect(STAGES.filter((s) => 'setsStatus' in STAGE_CATALOGUE[s])).toEqual([STAGES.at(-1)]);
  });

  it('no two stages store the same field or share a service (an amending stage repeats the fields of the stage it amends)', () => {
    for (const s of STAGES.filter((x) => amendsOf(x))) expect(STAGE_CATALOGUE[s].fields, s).toEqual(STAGE_CATALOGUE[amendsOf(s)!].fields);
    const fields = STAGES.filter((s) => !amendsOf(s)).flatMap((s) => STAGE_CATALOGUE[s].fields);
    expect(new Set(fields).size).toBe(fields.length);
    expect(new Set(STAGE_SERVICES).size).toBe(STAGES.length);
    for (const f of fields) expect(['status', 'pipeline', 'source', '_id', 'history', 'failure']).not.toContain(f);
  });

  it('walks the order both ways', () => {
    expect(STAGES.map((s) => nextStage(s))).toEqual([...STAGES.slice(1), null]);
    expect(STAGES.map(previousStage)).toEqual(['intake', ...STAGES.slice(0, -1)]);
  });
});
