/**
 * Mutation tests through the real chain: change one number of a real report
 * (inside a 其中 list, a percentage, one of two repeated mentions, a 表三 or
 * 表四 cell) and the right finding appears, citing the changed number; the
 * unchanged file has none of the findings its mutations cause.
 *
 * Some rules read the text directly and run whatever the upstream stages do.
 * Others need an upstream capability (extract's breakdowns or mentions, the
 * segment stage's placed table cells): a case is skipped, saying so, only
 * while that capability is absent from the chain altogether.
 */
import { describe, expect, it } from 'vitest';
import { SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { chain, ruleIds, type Mutation } from './real-chain.fixture.ts';

type Needs = 'text' | 'breakdowns' | 'mentions' | 'tables';

interface Case extends Mutation {
  name: string;
  file: string;
  needs: Needs;
  /** Rules the mutation must cause (each must be absent from the unchanged file). */
  want: string[];
}

const SEED = {
  s000: 'seeds/000_7c144e0af371db7e.txt', s001: 'seeds/001_19ce7dd9c5815b16.txt', s002: 'seeds/002_f161bfdcdc1967a9.txt',
  s003: 'seeds/003_be2064997976a753.txt', s004: 'seeds/004_0475dbc9ae30ac9e.txt',
};
const PT = 'corpus/real/pingtan-gov-zwgk-archive';
const R2021 = `${PT}/80613_平潭综合实验区2021年度政府信息公开工作年度报告.page.txt`;
const R2022 = `${PT}/80629_平潭综合实验区2022年度政府信息公开工作年度报告.page.txt`;
const R2023 = `${PT}/87885_平潭综合实验区2023年度政府信息公开工作年度报告.page.txt`;
const R2025 = `${PT}/105587_平潭综合实验区2025年度政府信息公开工作年度报告.page.txt`;

const CASES: Case[] = [
  // 其中 lists
  { name: '000: a part of the 94 list raised (43→45)', file: SEED.s000, needs: 'breakdowns', find: '其中发布文件43条', replace: '其中发布文件45条', want: ['A_CHILD_LE'] },
  { name: '000: a part of the complete 41 list lowered (21→19)', file: SEED.s000, needs: 'breakdowns', find: '其中网上申请21件', replace: '其中网上申请19件', want: ['A_CHILD_SUM'] },
  { name: '000: staff 5 = 2 + 3 → 2 + 4', file: SEED.s000, needs: 'breakdowns', find: '兼职人员3人', replace: '兼职人员4人', want: ['A_CHILD_LE'] },
  { name: '001: the single part over its total (95→3700, traditional text)', file: SEED.s001, needs: 'breakdowns', find: '信息95條', replace: '信息3700條', want: ['A_CHILD_LE'] },
  { name: '002: 行政处罚 in the 1584 list (1158→1159)', file: SEED.s002, needs: 'breakdowns', find: '行政处罚1158项', replace: '行政处罚1159项', want: ['A_CHILD_LE'] },
  { name: '003: 维持 in the review list (2→3)', file: SEED.s003, needs: 'breakdowns', find: '其中维持具体行政行为2件', replace: '其中维持具体行政行为3件', want: ['A_CHILD_LE'] },
  { name: '004: 网络申请 in the 31 list (23→25)', file: SEED.s004, needs: 'breakdowns', find: '网络申请23件', replace: '网络申请25件', want: ['A_CHILD_LE'] },
  // percentages
  { name: '004: 办结率 98.69% → 96.69%', file: SEED.s004, needs: 'text', find: '办结率98.69%', replace: '办结率96.69%', want: ['PERCENT_MISMATCH'] },
  { name: '004: 办结 605 → 600 (the rate no longer fits)', file: SEED.s004, needs: 'text', find: '办结605件', replace: '办结600件', want: ['PERCENT_MISMATCH'] },
  { name: '2023: a share of the 81 requests (51.85% → 52.85%)', file: R2023, needs: 'text', find: '占51.85%', replace: '占52.85%', want: ['PERCENT_MISMATCH'] },
  // repeated mentions
  { name: '003: the second 3452 → 3425', file: SEED.s003, needs: 'mentions', find: '共计 3452 条', replace: '共计 3425 条', want: ['REPEATED_MENTION_CONFLICT'] },
  // 表三 / 表四 cells of real 2021+ reports (a 7-digit run has one split only)
  { name: '2021: 表三 没有现成信息 natural 0 → 总计 1', file: R2021, needs: 'tables', find: '另行制作0000000', replace: '另行制作0000001', want: ['T3_ROW_SUM'] },
  { name: '2022: 表三 部分公开 总计 9 → 8', file: R2022, needs: 'tables', find: '8100009', replace: '8100008', want: ['T3_ROW_SUM', 'T3_TOTAL_SUM'] },
  { name: '2025: 表三 结转下年度 总计 6 → 7', file: R2025, needs: 'tables', find: '4200006', replace: '4200007', want: ['T3_ROW_SUM', 'T3_BALANCE'] },
  { name: '2022: 表四 行政复议 总计 2 → 3', file: R2022, needs: 'tables', find: '0 1 1 0 2 1', replace: '0 1 1 0 3 1', want: ['T4_GROUP_SUM'] },
];

/** Where two texts differ: [first differing offset, end of the difference in `b`). */
function changedSpan(a: string, b: string): [number, number] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return [i, Math.max(i + 1, b.length - j)];
}

async function capable(needs: Needs, file: string): Promise<boolean> {
  if (needs === 'text') return true;
  const out = await chain(file);
  if (needs === 'breakdowns') return out.extract.breakdowns.length > 0;
  if (needs === 'mentions') return out.extract.mentions.length > 0;
  return out.segment.tables.some((t) => t.kind === 't3' || t.kind === 't4') || out.extract.metrics.some((m) => /^t[34]\./.test(m.key));
}

const ready = sharedAvailable ? await Promise.all(CASES.map((c) => capable(c.needs, c.file))) : CASES.map(() => false);

describe.skipIf(!sharedAvailable)(`mutations of real reports ${SHARED_SKIP_REASON}`, () => {
  CASES.forEach((c, i) => {
    const title = ready[i] ? c.name : `${c.name} (skipped: the chain has no ${c.needs} yet)`;
    it.skipIf(!ready[i])(title, async () => {
      const before = await chain(c.file);
      const after = await chain(c.file, c);
      expect(ruleIds(before.validate.findings).filter((r) => c.want.includes(r)), 'unchanged file').toEqual([]);
      const got = after.validate.findings.filter((f) => c.want.includes(f.rule));
      expect([...new Set(ruleIds(got))].sort()).toEqual([...c.want].sort());
      const [from, to] = changedSpan(before.decode.text, after.decode.text);
      const cites = got.some((f) => f.evidence.some((e) => e.start < to && e.end > from));
      expect(cites, `a finding cites the changed text 「${after.decode.text.slice(from, to)}」`).toBe(true);
    });
  });
});
