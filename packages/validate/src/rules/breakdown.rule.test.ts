import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkBreakdowns } from './breakdown.rule.ts';
import { checkSumRules } from './sum-rules.rule.ts';

const TEXT = '全年主动公开政务信息94条，其中发布文件43条，发布公示公告36条，领导讲话6条，立法草案征求意见9条。';

function run(r: SyntheticReport) {
  const ctx = buildContext(r.build());
  const b = checkBreakdowns(ctx);
  return [...b.findings, ...checkSumRules(ctx, b.judgedTotals)];
}

describe('其中 breakdowns', () => {
  const cases: Array<{ name: string; text: string; parts: number[]; complete: boolean; want: string[] }> = [
    { name: 'a complete list that adds up', text: TEXT, parts: [43, 36, 6, 9], complete: true, want: [] },
    { name: 'a complete list one short', text: TEXT.replace('征求意见9条', '征求意见8条'), parts: [43, 36, 6, 8], complete: true, want: ['A_CHILD_SUM:warning'] },
    { name: 'a partial list short is fine', text: TEXT.replace('征求意见9条', '征求意见8条'), parts: [43, 36, 6, 8], complete: false, want: [] },
    { name: 'parts over the total (complete)', text: TEXT.replace('发布文件43条', '发布文件44条'), parts: [44, 36, 6, 9], complete: true, want: ['A_CHILD_LE:error'] },
    { name: 'parts over the total (partial)', text: TEXT.replace('发布文件43条', '发布文件44条'), parts: [44, 36, 6, 9], complete: false, want: ['A_CHILD_LE:error'] },
  ];
  it.each(cases)('$name', ({ text, parts, complete, want }) => {
    const quotes = [...text.matchAll(/[^，。]*?(\d+)条/g)].slice(1).map((m) => m[0]);
    const r = new SyntheticReport(text).breakdown(['全年主动公开政务信息94条', 94, 'proactive.total'], quotes.map((q, i) => [q, parts[i] ?? 0] as [string, number]), complete);
    const got = run(r);
    expect(got.map((f) => `${f.rule}:${f.severity}`)).toEqual(want);
    for (const f of got) {
      expect(f.evidence[0]?.quote).toContain('94');
      expect(f.data?.['total']).toBe(94);
      for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });

  it('does not add up approximate counts (余/约)', () => {
    const text = '共公开信息280余条，其中财政信息150余条，公共服务类信息140条。';
    const r = new SyntheticReport(text).breakdown(['共公开信息280余条', 280], [['财政信息150余条', 150], ['公共服务类信息140条', 140]], true);
    expect(run(r)).toEqual([]);
  });

  it('never sums channel rows (the same item counts on several channels)', () => {
    const text = '主动公开文件数2122条，其中政府网站公开数2122条，政府公报公开数5条。';
    const r = new SyntheticReport(text).breakdown(['主动公开文件数2122条', 2122, 'proactive.total'],
      [['政府网站公开数2122条', 2122, 'proactive.channel.website'], ['政府公报公开数5条', 5, 'proactive.channel.gazette']], true);
    expect(run(r)).toEqual([]);
  });
});

describe('which parts count', () => {
  it('a shortfall in a list of catalogue parts of the total is a warning even when extract calls it partial (seed 000 shape)', () => {
    const text = '全年我办共受理信息公开申请41件，其中网上申请19件，邮寄申请20件。';
    const r = new SyntheticReport(text).breakdown(['受理信息公开申请41件', 41, 'requests.received.total'],
      [['网上申请19件', 19, 'requests.received.online'], ['邮寄申请20件', 20, 'requests.received.letter']], false);
    expect(run(r).map((f) => `${f.rule}:${f.data?.['sum']}`)).toEqual(['A_CHILD_SUM:39']);
  });

  it('sub-parts that add up to the part before them are folded into it (pingtan 2019: 380 = 152 + 197(32+165) + 27 + 4)', () => {
    const text = '今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条，政府预决算32条，部门预决算公开165条，“三公”经费27条，债券发行4条。';
    const parts: Array<[string, number]> = [['专项资金152条', 152], ['预决算公开197条', 197], ['政府预决算32条', 32], ['部门预决算公开165条', 165], ['“三公”经费27条', 27], ['债券发行4条', 4]];
    expect(run(new SyntheticReport(text).breakdown(['发布380条', 380], parts, false))).toEqual([]);
    const wrong = text.replace('债券发行4条', '债券发行5条');
    const wrongParts = parts.map(([q, v]): [string, number] => (q === '债券发行4条' ? ['债券发行5条', 5] : [q, v]));
    expect(run(new SyntheticReport(wrong).breakdown(['发布380条', 380], wrongParts, false)).map((f) => `${f.rule}:${f.data?.['sum']}`)).toEqual(['A_CHILD_LE:578']);
  });

  it('parts keyed in another family are not parts of the total (pingtan 2023: 行政复议 after the 81 outcomes)', () => {
    const text = '办结依申请公开81件，其中：予以公开及部分公开42件；不予公开5件；无法提供31件；不予处理1件；其他处理2件；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。';
    const r = new SyntheticReport(text).breakdown(['办结依申请公开81件', 81, 'requests.closed.total'], [
      ['予以公开及部分公开42件', 42], ['不予公开5件', 5], ['无法提供31件', 31], ['不予处理1件', 1], ['其他处理2件', 2],
      ['行政复议案件2件', 2, 'review.total'], ['行政诉讼案件7件', 7, 'litigation.total'],
    ], false);
    expect(run(r)).toEqual([]);
  });
});

describe('catalogue sums over narrative metrics', () => {
  const staff = (ft: number, pt: number) => new SyntheticReport(`从事政府信息公开工作人员5人，其中专职人员${ft}人，兼职人员${pt}人。`)
    .mention('staff.total', 5, '工作人员5人').mention('staff.fulltime', ft, `专职人员${ft}人`).mention('staff.parttime', pt, `兼职人员${pt}人`);
  it.each([
    { ft: 2, pt: 3, want: [] },
    { ft: 2, pt: 4, want: ['A_CHILD_LE'] },
    { ft: 2, pt: 2, want: ['A_CHILD_SUM'] },
  ])('staff 5 = $ft + $pt → $want', ({ ft, pt, want }) => {
    expect(run(staff(ft, pt)).map((f) => f.rule)).toEqual(want);
  });

  it('leaves a parent alone when only some children are stated and they fit', () => {
    const r = new SyntheticReport('收到行政复议案件5件，其中维持具体行政行为2件。').mention('review.total', 5, '行政复议案件5件').mention('review.upheld', 2, '维持具体行政行为2件');
    expect(run(r)).toEqual([]);
  });

  it('flags stated children over their parent even when incomplete', () => {
    const r = new SyntheticReport('收到行政复议案件1件，其中维持具体行政行为2件。').mention('review.total', 1, '行政复议案件1件').mention('review.upheld', 2, '维持具体行政行为2件');
    expect(run(r).map((f) => `${f.rule}:${f.data?.['sum']}>${f.data?.['total']}`)).toEqual(['A_CHILD_LE:2>1']);
  });

  it('treats more closed than received as a carry-over warning, not an error', () => {
    const r = new SyntheticReport('共受理信息公开申请41件，申请办结45件。').mention('requests.received.total', 41, '申请41件').mention('requests.closed.total', 45, '申请办结45件');
    expect(run(r).map((f) => `${f.rule}:${f.severity}`)).toEqual(['CHILD_LE_CARRY:warning']);
  });

  it('does not judge a total twice when a 其中 list already covers it', () => {
    const r = staff(2, 2).breakdown(['工作人员5人', 5, 'staff.total'], [['专职人员2人', 2], ['兼职人员2人', 2]], true);
    expect(run(r).map((f) => f.rule)).toEqual(['A_CHILD_SUM']);
  });

  it('skips derived parents (a sum computed from its own children proves nothing)', () => {
    const r = new SyntheticReport('形成了2名专职人员及158名兼职人员的队伍。')
      .mention('staff.total', 150, '2名专职人员及158名兼职人员', { source: 'derived' })
      .mention('staff.fulltime', 2, '2名专职人员').mention('staff.parttime', 158, '158名兼职人员');
    expect(run(r)).toEqual([]);
  });
});
