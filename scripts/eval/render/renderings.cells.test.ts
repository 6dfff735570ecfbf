/**
 * The same report in every format gives the same cells: two gold files (the
 * 2021 form, 80629; the 2019 form, 80595) rendered as HTML, DOCX, Markdown
 * and PDF and run through the real stages: each gives every gold cell, none
 * wrong, the damaged Markdown included (reached 2026-12-05). `npm run eval`
 * measures all gold files this way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '@gongkai/stages';
import { SHARED_SKIP_REASON, repoRoot, sharedAvailable, type GoldFile } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { scoreCells } from '../tables.score.ts';
import { RENDERINGS, renderGold } from './renderings.ts';

const GOLD = ['80629_平潭综合实验区2022年度政府信息公开工作年度报告.json', '80595_平潭综合实验区2020年度政府信息公开工作年度报告.json'];

describe.skipIf(!sharedAvailable)(`renderings of gold cells give the gold cells ${SHARED_SKIP_REASON}`, () => {
  const cases = GOLD.flatMap((g) => RENDERINGS.map((r) => [g.slice(0, 5), r, g] as const));
  it.each(cases)('%s as %s', async (_id, rendering, file) => {
    const gold = JSON.parse(readFileSync(join(repoRoot, 'test', 'gold', file), 'utf8')) as GoldFile;
    const { outputs } = await runInProcess(renderGold(gold, rendering, file.replace(/\.json$/u, '')));
    const s = scoreCells(gold, outputs.extract.metrics, outputs.segment.tables, true);
    expect(s.wrong).toEqual([]);
    expect(s.missing).toEqual([]);
    expect(s.right).toBe(s.cells);
  });
});
