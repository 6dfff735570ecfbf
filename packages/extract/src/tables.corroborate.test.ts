import type { ReportTable } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { run, values } from '../test/synthetic.fixture.ts';
import { splits } from './tables.corroborate.ts';

/** A 2021 表二 whose 行政规范性文件 row ran together: three ambiguous cells over one digit run, as segment leaves them. */
function t2Run(text: string, digits: string, o: { candidates?: boolean } = {}): ReportTable {
  const start = text.indexOf(`行政规范性文件${digits}`) + '行政规范性文件'.length;
  const cells = (['issued', 'repealed', 'in_force'] as const).map((col, i) => ({
    row: 'normative_docs', col, value: null, raw: digits, start, end: start + digits.length, ambiguous: true,
    ...(o.candidates ? { candidates: [...new Set(splits(digits, 3).map((s) => s[i] as number))] } : {}),
  }));
  const rules = text.indexOf('规章000') + 2;
  const zero = (col: string, at: number) => ({ row: 'rules', col, value: 0, raw: '0', start: at, end: at + 1 });
  return {
    kind: 't2', variant: '2021', start: text.indexOf('第二十条'), end: text.length,
    cells: [zero('issued', rules), zero('repealed', rules + 1), zero('in_force', rules + 2), ...cells], unparsed: [],
  };
}

const TABLE = '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698第二十条第（五）项';

function read(narrative: string, o: { candidates?: boolean } = {}) {
  const text = `${narrative}\n${TABLE}`;
  return run(text, { regime: 'C', tables: [t2Run(text, '8855698', o)] });
}

const cellsOf = (r: ReturnType<typeof run>) =>
  Object.fromEntries(Object.entries(values(r)).filter(([k]) => k.startsWith('t2.normative_docs.')));

describe('splits of a digit run', () => {
  it('cuts into n numbers without leading zeros', () => {
    expect(splits('8855698', 3)).toHaveLength(15);
    expect(splits('1005', 2)).toEqual([[100, 5]]);
    expect(splits('000', 3)).toEqual([[0, 0, 0]]);
    expect(splits('12', 3)).toEqual([]);
  });
});

describe('a run-together 表二 row settled by the narrative', () => {
  it('reads the one split that agrees with every cell the narrative states, and says so', () => {
    const r = read('设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。', { candidates: true });
    expect(cellsOf(r)).toEqual({ 't2.normative_docs.issued': 88, 't2.normative_docs.repealed': 55, 't2.normative_docs.in_force': 698 });
    const repealed = r.metrics.find((m) => m.key === 't2.normative_docs.repealed');
    expect(repealed?.source).toBe('table');
    expect(repealed?.evidence.quote).toBe('8855698');
    expect(repealed?.resolution).toMatchObject({ method: 'narrative', raw: '8855698', split: [88, 55, 698] });
    expect(repealed?.resolution?.corroboration?.map((e) => e.quote)).toEqual(['集中公开现行有效行政规范性文件698件', '动态更新本年度制发的规范性文件88件。']);
    expect(r.mentions.find((m) => m.key === 't2.normative_docs.issued')?.resolution?.method).toBe('narrative');
  });

  it.each<[string, string]>([
    ['one stated cell leaves four splits open', '动态更新本年度制发的规范性文件88件。'],
    ['a stated cell no split agrees with', '集中公开现行有效行政规范性文件393件，动态更新本年度制发的规范性文件88件。'],
    ['two different statements of one cell', '本年度制发规范性文件88件，现行有效规范性文件698件。今年共制发规范性文件85件。'],
    ['制发 not placed in the report year (a clean-up over years)', '清理后保留现行有效行政规范性文件698件，累计制发规范性文件88件。'],
    ['nothing stated', '持续推进基础信息公开。'],
  ])('stays unread: %s', (_why, narrative) => {
    const r = read(narrative);
    expect(cellsOf(r)).toEqual({});
    expect(r.metrics.some((m) => m.resolution)).toBe(false);
  });

  it('a split outside the candidates segment found consistent is never chosen', () => {
    const text = `本年度制发规范性文件88件，现行有效规范性文件698件。\n${TABLE}`;
    const table = t2Run(text, '8855698');
    for (const c of table.cells) if (c.col === 'repealed' && c.ambiguous) c.candidates = [5, 8, 556];
    expect(cellsOf(run(text, { regime: 'C', tables: [table] }))).toEqual({});
  });

  it('the rows segment did read stay as they are', () => {
    const r = read('动态更新本年度制发的规范性文件88件，现行有效规范性文件698件。');
    expect(values(r)).toMatchObject({ 't2.rules.issued': 0, 't2.rules.in_force': 0 });
    expect(r.metrics.find((m) => m.key === 't2.rules.issued')?.resolution).toBeUndefined();
  });
});

describe('where a settled figure came from', () => {
  it('a cell settled by the narrative names its cell and says narrative', () => {
    const r = read('设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。', { candidates: true });
    expect(r.metrics.find((m) => m.key === 't2.normative_docs.in_force')?.evidence.cell).toEqual({ table: 't2', row: 'normative_docs', col: 'in_force', how: 'narrative' });
    // a cell segment read stays 'structure' (a cell without `how` was read from structure)
    expect(r.metrics.find((m) => m.key === 't2.rules.issued')?.evidence.cell).toMatchObject({ table: 't2', row: 'rules', col: 'issued', how: 'structure' });
  });

  it('政府集中采购 count and amount run together are settled by the amount the prose states in the same unit, never in another', () => {
    const table2019 = '第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购1973601627.4元三、收到';
    const build = (narrative: string) => {
      const text = `${narrative}\n${table2019}`;
      const start = text.indexOf('1973601627.4');
      const raw = '1973601627.4元';
      const all = splits('1973601627.4', 2);
      const cells = (['projects', 'amount'] as const).map((col, i) => ({
        row: 'procurement', col, value: null, raw, start, end: start + 12, ambiguous: true, candidates: [...new Set(all.map((s) => s[i] as number))],
      }));
      return run(text, { regime: 'B', tables: [{ kind: 't2', variant: '2019', start: text.indexOf('第二十条'), end: text.length, cells, unparsed: [] }] });
    };
    const got = build('全年共发布采购信息197批次涉及金额3601627.4元。');
    expect(Object.fromEntries(Object.entries(values(got)).filter(([k]) => k.startsWith('t2.procurement')))).toEqual({ 't2.procurement.projects': 197, 't2.procurement.amount': 3601627.4 });
    expect(got.metrics.find((m) => m.key === 't2.procurement.amount')?.evidence.cell?.how).toBe('narrative');
    // 360.16274 万元 is the same money, but not the figure the table prints: no match, nothing read
    const other = build('全年共发布采购信息197批次涉及金额360.16274万元。');
    expect(Object.keys(values(other)).filter((k) => k.startsWith('t2.procurement'))).toEqual([]);
  });

  it('splits keep a decimal inside one number and a sign at a number start', () => {
    expect(splits('13575394432.52', 2)).toContainEqual([135, 75394432.52]);
    const signed = splits('2648-18538', 3);
    expect(signed).toContainEqual([2648, -18, 538]);
    // the minus sign always opens a number, never sits inside one
    expect(signed.every((s) => s.filter((v) => v < 0).length === 1)).toBe(true);
    expect(splits('1'.repeat(100), 3)).toEqual([]);
  });
});
