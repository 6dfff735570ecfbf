/**
 * The extract issue's bar on the real chain (decode → segment → extract →
 * validate): on every seed, every required gold metric found with the right
 * value and evidence, no false positives, no absent key filled, every gold
 * breakdown found; on every gold file, no absent key filled.
 */
import { readFileSync } from 'node:fs';
import { runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { loadGold } from './gold.load.ts';
import { scoreFile } from './score.ts';

const cases = sharedAvailable ? loadGold() : [];

async function score(inputPath: string, gold: Parameters<typeof scoreFile>[0]) {
  const { outputs } = await runInProcess({ bytes: new Uint8Array(readFileSync(inputPath)), name: inputPath.split('/').pop() ?? 'x' });
  return scoreFile(gold, {
    metrics: outputs.extract.metrics, mentions: outputs.extract.mentions, breakdowns: outputs.extract.breakdowns,
    meta: outputs.segment.meta, sections: outputs.segment.sections, script: outputs.decode.decode.script, findings: null,
  });
}

describe.skipIf(!sharedAvailable)(`seeds meet the extract bar ${SHARED_SKIP_REASON}`, () => {
  it.each(cases.filter((c) => c.origin === 'shared').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const s = await score(c.inputPath, c.gold);
    expect({ missing: s.missing, wrong: s.wrong, evidence: s.badEvidence, falsePositives: s.falsePositives, breakdowns: s.breakdowns.missing })
      .toEqual({ missing: [], wrong: [], evidence: [], falsePositives: [], breakdowns: [] });
  });
});

describe.skipIf(!sharedAvailable)(`no gold file gets an absent key filled ${SHARED_SKIP_REASON}`, () => {
  it.each(cases.filter((c) => c.origin === 'project').map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const s = await score(c.inputPath, c.gold);
    expect(s.absentFilled).toEqual([]);
    expect(s.wrong).toEqual([]);
  });
});
