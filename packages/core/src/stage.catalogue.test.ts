import { describe, expect, it } from 'vitest';
import { STAGE_CATALOGUE } from './stage.catalogue.ts';
import { STAGES, STAGE_SERVICES, needsOf, nextStage, previousStage, stagesBefore } from './stages.ts';

describe('the stage catalogue', () => {
  it.each(STAGES.map((s) => [s]))('%s needs only stages that come before it', (stage) => {
    for (const need of needsOf(stage)) expect(stagesBefore(stage), `${stage} needs ${need}`).toContain(need);
  });

  it('only the first stage reads the raw file (needs nothing)', () => {
    expect(STAGES.filter((s) => needsOf(s).length === 0)).toEqual([STAGES[0]]);
  });

  it('only the last stage sets the report status (it ends a run)', () => {
    expect(STAGES.filter((s) => 'setsStatus' in STAGE_CATALOGUE[s])).toEqual([STAGES.at(-1)]);
  });

  it('no two stages store the same field or share a service', () => {
    const fields = STAGES.flatMap((s) => STAGE_CATALOGUE[s].fields);
    expect(new Set(fields).size).toBe(fields.length);
    expect(new Set(STAGE_SERVICES).size).toBe(STAGES.length);
    for (const f of fields) expect(['status', 'pipeline', 'source', '_id', 'history', 'failure']).not.toContain(f);
  });

  it('walks the order both ways', () => {
    expect(STAGES.map(nextStage)).toEqual([...STAGES.slice(1), null]);
    expect(STAGES.map(previousStage)).toEqual(['intake', ...STAGES.slice(0, -1)]);
  });
});
