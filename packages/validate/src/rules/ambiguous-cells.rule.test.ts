/** AMBIGUOUS_CELLS on a flattened 表二 row segment could not split: one finding per row, naming it and its candidate splits. */
import type { Metric, ReportTable } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { SyntheticReport } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkAmbiguousCells } from './ambiguous-cells.rule.ts';

const TEXT = '二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件1288';

function withTable(metrics: Metric[] = []) {
  const input = new SyntheticReport(TEXT, { regime: 'B' }).build();
  const text = input.decode.text;
  const start = text.indexOf('1288');
  const cols = [['made', '本年新制作数量', [1, 12]], ['published', '本年新公开数量', [2, 8]], ['public_total', '对外公开总数量', [8, 88]]] as const;
  const table: ReportTable = {
    kind: 't2', variant: '2019', start: text.indexOf('第二十条'), end: start + 4, unparsed: [{ raw: '1288', start, end: start + 4, reason: 'normative_docs: 2 consistent splits: 1|2|88; 12|8|8' }],
    cells: [
      { row: 'rules', col: 'made', value: 0, raw: '0', start: start - 3, end: start - 2, how: 'solver-unique' },
      ...cols.map(([col, colLabel, candidates]) => ({ row: 'normative_docs', col, value: null, raw: '1288', start, end: start + 4, ambiguous: true, rowLabel: '规范性文件', colLabel, candidates: [...candidates] })),
    ],
  };
  input.segment.tables.push(table);
  input.extract.metrics.push(...metrics);
  return buildContext(input);
}

describe('AMBIGUOUS_CELLS', () => {
  it('one finding for the row, naming its label, columns and both splits', () => {
    const found = checkAmbiguousCells(withTable());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'AMBIGUOUS_CELLS', severity: 'info', data: { table: 't2', row: 'normative_docs', splits: '2 ways: 1|2|88; 12|8|8', run: '1288', cells: 3 } });
    expect(found[0]?.message).toContain('表二 规范性文件');
    expect(found[0]?.message).toContain('1|2|88; 12|8|8');
    expect(found[0]?.message).toContain('本年新制作数量 | 本年新公开数量 | 对外公开总数量');
    expect(found[0]?.evidence[0]?.quote).toBe('1288');
  });

  it('cells the narrative settled downstream are not reported', () => {
    const ev = { quote: '1288', start: 0, end: 4, section: null };
    const metrics: Metric[] = ['made', 'published', 'public_total'].map((c, i) => ({ key: `t2.normative_docs.${c}`, value: [1, 2, 88][i] as number, unit: '件', approx: false, evidence: ev, source: 'table' }));
    expect(checkAmbiguousCells(withTable(metrics))).toEqual([]);
  });

  it('a table with every cell read gives none', () => {
    const ctx = withTable();
    for (const t of ctx.input.segment.tables) t.cells = t.cells.filter((c) => !c.ambiguous);
    expect(checkAmbiguousCells(ctx)).toEqual([]);
  });
});
