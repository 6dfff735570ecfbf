/**
 * The real corpus through the real chain, against findings reviewed by hand:
 * each listed finding was checked in the report and is a true publisher
 * problem; every other report must come out clean. A new finding here is
 * either a new true problem (review it, then list it) or a false alarm (fix it).
 */
import { describe, expect, it } from 'vitest';
import { SHARED_SKIP_REASON, realCorpusFiles, sharedAvailable } from '@gongkai/testkit';
import { chain } from './real-chain.fixture.ts';

const REVIEWED: Record<string, { rules: string[]; why: string }> = {
  hzq2023_working: { rules: ['T4_GROUP_SUM', 'T4_GROUP_SUM'], why: '表四 prints 10 1 0 0 | 0 and 5 0 0 0 | 0: both 总计 left at 0' },
  hzq2024_working: { rules: ['TEXT_VS_TABLE'], why: '区政府办…受理申请17件 vs 表三 新收 95 (narrative counts one office)' },
  '政务公开年报模版': { rules: ['NOT_A_REPORT'], why: 'the blank 2021 template' },
  '80595': { rules: ['A_CHILD_LE', 'T3_TOTAL_SUM', 'T3_TOTAL_SUM'], why: '2602 条 but its 11 categories add to 2603; 表三 总计 21 (自然人 20) but outcomes add to 27 (26)' },
  '80678': { rules: ['REQUIRED_CONTENT_MISSING'], why: 'no 收费及减免 anywhere (5 parts, none on fees)' },
  '80716': { rules: ['REQUIRED_CONTENT_MISSING'], why: 'same template as 80678: no fees' },
  '80725': { rules: ['A_CHILD_LE', 'A_CHILD_SUM', 'REQUIRED_CONTENT_MISSING'], why: '主动公开 2026 split as 2475 + 1503 = 3978; 2026 + 46 + 1854 = 3926 ≠ 总数 3978; no fees' },
  '80734': { rules: ['PERCENT_MISMATCH', 'REPEATED_MENTION_CONFLICT', 'REPEATED_MENTION_CONFLICT'], why: '145条 stated as 8.05% of 1913 (=154); 主动公开 1913 vs 统计表 739, website 3636 vs 739' },
  '80754': { rules: ['REPEATED_MENTION_CONFLICT', 'REPEATED_MENTION_CONFLICT', 'REQUIRED_CONTENT_MISSING'], why: 'narrative 网上 3 / 信函 4 vs 统计表 网上 4 / 信函 0; no fees' },
  '80759': { rules: ['REPEATED_MENTION_CONFLICT', 'REPEATED_MENTION_CONFLICT', 'REQUIRED_CONTENT_MISSING'], why: '主动公开 4970 vs 统计表 72804; 1 行政复议申请 vs 统计表 行政复议数 0; no fees' },
  '80774': { rules: ['PERCENT_MISMATCH', 'REQUIRED_CONTENT_MISSING'], why: '受理117件，办结171件，办结率100%; no 存在的问题/改进 part' },
};

const keyOf = (name: string) => /^(\d+)_/.exec(name)?.[1] ?? name.replace(/\.[^.]+$/, '');

describe.skipIf(!sharedAvailable)(`real corpus: the hand-reviewed findings, and nothing else ${SHARED_SKIP_REASON}`, () => {
  for (const file of realCorpusFiles()) {
    const reviewed = REVIEWED[keyOf(file.name)];
    it(`${file.name}: ${reviewed ? reviewed.why : 'clean'}`, async () => {
      const out = await chain(file.rel);
      // AMBIGUOUS_CELLS reports our own reading (a flattened digit run left unsplit), not a publisher problem: ambiguous-cells.rule.test.ts covers it
      expect(out.validate.findings.map((f) => f.rule).filter((r) => r !== 'AMBIGUOUS_CELLS').sort()).toEqual([...(reviewed?.rules ?? [])].sort());
    });
  }
});
