import type { Metric, NeighbourReport, TableCell } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
import { validate } from '../validate.stage.ts';
import { buildContext } from '../validate.context.ts';
import { checkCrossYear, statsRowKey } from './cross-year.rule.ts';

/** A neighbour report: figures quoted from a text of its own. */
function neighbour(year: number, figures: Array<[key: string, value: number, quote: string]>, stats: TableCell[] = [], id = `prev${year}`): NeighbourReport {
  let text = '';
  const metrics: Metric[] = figures.map(([key, value, quote]) => {
    const start = text.length;
    text += `${quote}。`;
    return { key, value, unit: '件', approx: false, source: 'text', evidence: { quote, start, end: start + quote.length, section: null } };
  });
  return { reportId: `${id}-0123456789abcdef`, runId: 'r1', year, agency: '平潭综合实验区管委会', title: null, metrics, stats };
}

const TEXT = '上年结转政府信息公开申请数量2件。结转下年度继续办理1件。规章本年制发件数0件，本年废止件数0件，现行有效件数5件。行政规范性文件本年制发件数3件，本年废止件数1件，现行有效件数12件。';

function report(year: number, neighbours: NeighbourReport[]) {
  const r = new SyntheticReport(TEXT, { regime: 'C', year })
    .mention('requests.carried_over', 2, '上年结转政府信息公开申请数量2件')
    .mention('requests.carried_forward', 1, '结转下年度继续办理1件')
    .mention('t2.rules.issued', 0, '规章本年制发件数0件', { source: 'table' })
    .mention('t2.rules.repealed', 0, '本年废止件数0件', { source: 'table' })
    .mention('t2.rules.in_force', 5, '现行有效件数5件', { source: 'table' })
    .mention('t2.normative_docs.issued', 3, '行政规范性文件本年制发件数3件', { source: 'table' })
    .mention('t2.normative_docs.repealed', 1, '本年废止件数1件', { source: 'table' })
    .mention('t2.normative_docs.in_force', 12, '现行有效件数12件', { source: 'table' });
  return { ...r.build(), neighbours };
}

const rules = (year: number, neighbours: NeighbourReport[]) => checkCrossYear(buildContext(report(year, neighbours))).map((f) => f.rule);

describe('cross-year rules', () => {
  it('nothing without neighbours, nor against the year after or two years back', () => {
    expect(rules(2022, [])).toEqual([]);
    expect(rules(2022, [neighbour(2023, [['requests.carried_forward', 9, '结转下年度9件']]), neighbour(2020, [['requests.carried_forward', 9, '结转下年度9件']])])).toEqual([]);
  });

  it('CROSS_YEAR_CARRY: 上年结转 against the year before\'s 结转下年度, quoting both reports', () => {
    expect(rules(2022, [neighbour(2021, [['requests.carried_forward', 2, '结转下年度继续办理2件']])])).toEqual([]);
    const prev = neighbour(2021, [['requests.carried_forward', 4, '结转下年度继续办理4件']]);
    const [f] = checkCrossYear(buildContext(report(2022, [prev])));
    expect(f).toMatchObject({ rule: 'CROSS_YEAR_CARRY', severity: 'warning', data: { carriedOver: 2, previousCarriedForward: 4, previousYear: 2021 } });
    expect(f?.evidence[0]).toMatchObject({ quote: '上年结转政府信息公开申请数量2件' });
    expect(f?.evidence[0]?.reportId).toBeUndefined();
    expect(f?.evidence[1]).toMatchObject({ quote: '结转下年度继续办理4件', reportId: prev.reportId, year: 2021 });
  });

  it('T2_STOCK: 现行有效 = last year\'s + 制发 − 废止, per row', () => {
    const holds = neighbour(2021, [['t2.rules.in_force', 5, '现行有效件数5件'], ['t2.normative_docs.in_force', 10, '现行有效件数10件']]);
    expect(rules(2022, [holds])).toEqual([]);
    const breaks = neighbour(2021, [['t2.rules.in_force', 5, '现行有效件数5件'], ['t2.normative_docs.in_force', 7, '现行有效件数7件']]);
    const found = checkCrossYear(buildContext(report(2022, [breaks])));
    expect(found.map((f) => [f.rule, f.data?.['row'], f.data?.['expected']])).toEqual([['T2_STOCK', 'normative_docs', 9]]);
  });

  it('CROSS_YEAR_CUMULATIVE: a 统计表 row\'s 历年累计 grows by this year\'s figure', () => {
    const text = '指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 739 4359 行政复议数 条 0 1';
    const at = (s: string, from = 0) => text.indexOf(s, from);
    const cell = (row: string, col: string, raw: string, from: number): TableCell => ({ row, rowLabel: row, col, colLabel: col, value: Number(raw), raw, start: at(raw, from), end: at(raw, from) + raw.length });
    const mine: TableCell[] = [
      cell('主动公开信息数', '2012年度', '739', at('信息数')), cell('主动公开信息数', '历年累计', '4359', at('信息数')),
      cell('行政复议数', '2012年度', '0', at('复议数')), cell('行政复议数', '历年累计', '1', at('复议数')),
    ];
    const build = (prevStats: TableCell[]) => {
      const input = new SyntheticReport(text, { year: 2012 }).build();
      input.segment.tables.push({ kind: 'stats', variant: 'fujian', start: 0, end: text.length, cells: mine, unparsed: [] });
      return checkCrossYear(buildContext({ ...input, neighbours: [neighbour(2011, [], prevStats)] }));
    };
    const prevCell = (row: string, col: string, value: number): TableCell => ({ row: `其中：1.${row}`, col, value, raw: String(value), start: 0, end: 1 });
    expect(build([prevCell('主动公开信息数', '历年累计', 3620), prevCell('行政复议数', '历年累计', 1)])).toEqual([]);
    const found = build([prevCell('主动公开信息数', '历年累计', 3600), prevCell('行政复议数', '历年累计', 1)]);
    expect(found.map((f) => [f.rule, f.data?.['expected'], f.data?.['cumulative']])).toEqual([['CROSS_YEAR_CUMULATIVE', 4339, 4359]]);
    expect(found[0]?.evidence[0]?.quote).toBe('4359');
  });

  it('SERIES_BREAK: tenfold up or down, only above small numbers, as info', () => {
    const prev = neighbour(2021, [['requests.carried_over', 30, '上年结转30件'], ['t2.normative_docs.in_force', 130, '现行有效130件'], ['t2.normative_docs.issued', 2, '制发2件']]);
    const found = checkCrossYear(buildContext(report(2022, [prev]))).filter((f) => f.rule === 'SERIES_BREAK');
    // 2 vs 30 is under the floor; 12 vs 130 is a tenfold drop; 3 vs 2 is ordinary
    expect(found.map((f) => [f.severity, f.data?.['key']])).toEqual([['info', 't2.normative_docs.in_force']]);
  });

  it('each of two reports of the year before is checked (duplicates are not merged)', () => {
    const a = neighbour(2021, [['requests.carried_forward', 4, '结转4件']], [], 'a');
    const b = neighbour(2021, [['requests.carried_forward', 5, '结转5件']], [], 'b');
    expect(rules(2022, [b, a])).toEqual(['CROSS_YEAR_CARRY', 'CROSS_YEAR_CARRY']);
  });

  it('the stage reports them and leaves the status to their severity', () => {
    const out = validate(report(2022, [neighbour(2021, [['requests.carried_forward', 4, '结转下年度继续办理4件']])]));
    expect(out.findings.map((f) => f.rule)).toContain('CROSS_YEAR_CARRY');
  });

  it('statsRowKey: row labels of two years match without numbering and units', () => {
    expect(statsRowKey('其中：1.网站公开 条')).toBe(statsRowKey('网站公开'));
    expect(statsRowKey('2、政府公报公开')).toBe('政府公报公开');
  });
});
