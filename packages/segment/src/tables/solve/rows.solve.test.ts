/**
 * Flattened tables written here, solved as a whole: a row the digits alone
 * cannot split but the other rows' arithmetic can (read, 'solver-unique'),
 * a table whose arithmetic leaves two readings (null, ambiguous, candidates
 * listed), and hostile runs (10,000 digits, 1 MB) that must end quickly
 * with nothing read.
 */
import type { ReportTable } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { compact } from '../../text/compact.text.ts';
import { splitBounded } from '../digits.split.ts';
import type { NumToken } from '../numbers.scan.ts';
import { parseT2 } from '../t2.table.ts';
import { parseT3 } from '../t3.table.ts';
import { parseT4 } from '../t4.table.ts';
import { parseT5 } from '../t5.table.ts';
import { parseRow, placeRow } from '../table-rows.parse.ts';
import { solveRows } from './rows.solve.ts';

const ZERO = '0000000';
/** A 2019-form 表三, flattened: each row's label then its digit run (runs given by row id, zeros elsewhere). */
function t3Text(runs: Record<string, string>): string {
  const r = (id: string) => runs[id] ?? ZERO;
  return [
    '一、本年新收政府信息公开申请数量', r('new_received'), '二、上年结转政府信息公开申请数量', r('carried_over'),
    '三、本年度办理结果（一）予以公开', r('granted'), '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', r('partial'),
    '（三）不予公开1.属于国家秘密', r('refused.state_secret'), '2.其他法律行政法规禁止公开', ZERO, '3.危及“三安全一稳定”', ZERO,
    '4.保护第三方合法权益', ZERO, '5.属于三类内部事务信息', ZERO, '6.属于四类过程性信息', ZERO, '7.属于行政执法案卷', ZERO, '8.属于行政查询事项', ZERO,
    '（四）无法提供1.本机关不掌握相关政府信息', r('unable.not_held'), '2.没有现成信息需要另行制作', ZERO, '3.补正后申请内容仍不明确', ZERO,
    '（五）不予处理1.信访举报投诉类申请', ZERO, '2.重复申请', ZERO, '3.要求提供公开出版物', ZERO, '4.无正当理由大量反复申请', ZERO,
    '5.要求行政机关确认或重新出具已获取信息', ZERO, '（六）其他处理', r('other.sum'), '（七）总计', r('total'), '四、结转下年度继续办理', r('carried_forward'),
  ].join('');
}

function t3Of(text: string): ReportTable {
  const t = parseT3(text, compact(text, 0, text.length), 0, text.length);
  if (!t) throw new Error('no 表三');
  return t;
}
const cell = (t: ReportTable, row: string, col: string) => t.cells.find((c) => c.row === row && c.col === col);
const rowValues = (t: ReportTable, row: string) => ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'org_other', 'total'].map((c) => cell(t, row, c)?.value);

describe('表三 solved across rows', () => {
  it('a run the row sum leaves open is read when the balance with the other rows leaves one split', () => {
    // 新收 "101000011" alone: 10|1|0|0|0|0|11 or 1|0|10|0|0|0|11 …; 总计 and 予以公开 are printed with spaces (one token per cell)
    const text = t3Text({ new_received: '101000011', granted: '10 1 0 0 0 0 11', total: '10 1 0 0 0 0 11' });
    expect(splitBounded([{ text: '101000011', start: 0, end: 9 }], 7, { check: (v) => v.length < 7 || v.slice(0, 6).reduce((a, b) => (a ?? 0) + (b ?? 0), 0) === v[6] }).solutions.length).toBeGreaterThan(1);
    const t = t3Of(text);
    expect(rowValues(t, 'new_received')).toEqual([10, 1, 0, 0, 0, 0, 11]);
    expect(cell(t, 'new_received', 'natural')).toMatchObject({ how: 'solver-unique', rowLabel: '本年新收政府信息公开申请数量', colLabel: '自然人' });
    expect(cell(t, 'granted', 'natural')?.how).toBe('structure');
    expect(t.unparsed.filter((u) => u.reason.includes('consistent splits'))).toEqual([]);
  });

  it('two readings that both satisfy every identity: the cells stay null, ambiguous, with their candidates and the splits listed', () => {
    // every row that carries requests is the same run: 10|1|… and 1|0|10|… satisfy the balance and 总计 alike
    const run = '101000011';
    const t = t3Of(t3Text({ new_received: run, granted: run, total: run }));
    const natural = cell(t, 'new_received', 'natural');
    expect(natural).toMatchObject({ value: null, ambiguous: true });
    expect(natural?.candidates).toEqual(expect.arrayContaining([1, 10]));
    expect(cell(t, 'new_received', 'total')).toMatchObject({ value: 11, how: 'solver-unique' });
    expect(t.unparsed.find((u) => u.reason.startsWith('new_received:'))?.reason).toMatch(/consistent splits: .*10\|1\|0\|0\|0\|0\|11/);
    // the zero rows are read
    expect(rowValues(t, 'carried_over')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('a publisher slip (no split balances) narrows nothing and guesses nothing', () => {
    const t = t3Of(t3Text({ new_received: '101000011', granted: '5 0 0 0 0 0 5', total: '5 0 0 0 0 0 5' }));
    expect(cell(t, 'new_received', 'natural')).toMatchObject({ value: null, ambiguous: true });
    expect(rowValues(t, 'total')).toEqual([5, 0, 0, 0, 0, 0, 5]);
  });
});

describe('a row whose printed figures break its own sum', () => {
  it('is read one digit per cell when the digits allow nothing else (a publisher slip), but not when dashes stood between its numbers (they may have been empty cells)', () => {
    // 5|1|0|0|0|0|0: 总计 0 is the publisher's; seven digits can only be seven cells
    expect(rowValues(t3Of(t3Text({ new_received: '5100000' })), 'new_received')).toEqual([5, 1, 0, 0, 0, 0, 0]);
    // 100 | - | 1 | - | - | - | 101 flattened: one digit per cell would read 1|0|0|1|1|0|1
    const t = t3Of(t3Text({ new_received: '100-1---101' }));
    expect(t.cells.filter((c) => c.row === 'new_received')).toEqual([]);
    expect(t.unparsed.find((u) => u.reason.startsWith('new_received:'))?.reason).toMatch(/do not fit/);
  });
});

describe('bounds', () => {
  it('a 10,000-digit run is rejected at once: no split, the row unread, well under a second', () => {
    const run = '1'.repeat(10_000);
    const t0 = performance.now();
    const t = t3Of(t3Text({ carried_forward: run }));
    expect(t.cells.filter((c) => c.row === 'carried_forward')).toEqual([]);
    expect(t.unparsed.find((u) => u.reason.startsWith('carried_forward:'))?.reason).toMatch(/do not fit/);
    expect(rowValues(t, 'total')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // in the first row it pushes the other labels out of the table's reach: no 表三 at all
    const first = t3Text({ new_received: run });
    expect(parseT3(first, compact(first, 0, first.length), 0, first.length)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('a 1 MB run in 表四 and 表二 ends quickly with nothing read from it', () => {
    const run = '7'.repeat(1 << 20);
    const t4text = `四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计${run}五、存在的主要问题`;
    const t0 = performance.now();
    const t4 = parseT4(t4text, compact(t4text, 0, t4text.length), 0, t4text.length);
    const t2text = `第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件${run}第二十条第（五）项行政许可0第二十条第（六）项行政处罚0行政强制0行政事业性收费0三、收到和处理政府信息公开申请情况`;
    const t2 = parseT2(t2text, compact(t2text, 0, t2text.length), 0, t2text.length);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(t4?.cells ?? []).toEqual([]);
    expect(t2?.cells.filter((c) => c.row === 'normative_docs') ?? []).toEqual([]);
  });

  it('a run long enough to have splits but too many to enumerate stops at its budget and is not read', () => {
    // 60 digits into 7 cells: millions of cuts; the search stops and says it is incomplete
    const tok: NumToken = { text: '123456789'.repeat(7).slice(0, 60), start: 0, end: 60 };
    const t0 = performance.now();
    const p = parseRow([tok], 7);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p.complete).toBe(false);
    const table: ReportTable = { kind: 't3', variant: '2021', start: 0, end: 60, cells: [], unparsed: [] };
    // agreement among a truncated list of splits proves nothing: every cell is left null
    placeRow(tok.text, table, 'x', ['a', 'b', 'c', 'd', 'e', 'f', 'g'], p);
    expect(table.cells.every((c) => c.value === null && c.ambiguous)).toBe(true);
    expect(table.unparsed[0]?.reason).toMatch(/^x: \d+\+ consistent splits/);
  });

  it('the cross-row search stops at its node bound and then narrows nothing', () => {
    const open = (n: number) => ({ solutions: Array.from({ length: n }, (_, k) => [{ value: k, start: 0, end: 1, raw: '' }]), tokens: [], direct: false, complete: true });
    const rows = new Map(Array.from({ length: 8 }, (_, i) => [`r${i}`, open(10)] as const));
    // r7 = r0 + … + r6: 10^7 combinations to visit without the bound
    const identity = { lhs: [['r7', 0] as const], rhs: Array.from({ length: 7 }, (_, i) => [`r${i}`, 0] as const) };
    const t0 = performance.now();
    const out = solveRows(rows, [identity], { maxNodes: 50_000 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.status).toBe('bounded');
    expect([...rows.values()].every((p) => p.solutions.length === 10)).toBe(true);
  });
});

describe('表二 of the 2019 form, flattened', () => {
  const t2 = (body: string) => {
    const text = `第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量${body}三、收到和处理政府信息公开申请情况`;
    const t = parseT2(text, compact(text, 0, text.length), 0, text.length);
    if (!t) throw new Error('no 表二');
    return t;
  };
  const cellsOf = (t: ReportTable, row: string) => t.cells.filter((c) => c.row === row).map((c) => [c.col, c.value, c.ambiguous ?? false]);

  it('本年增/减 may be blank: "215" is 2|1|5 or 2|∅|15 or 21|∅|5, so nothing is read; "00126" is only 0|0|126', () => {
    const t = t2('规章000规范性文件000第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可215其他对外管理服务事项00126行政处罚000行政强制000');
    expect(cellsOf(t, 'licensing').every(([, v, amb]) => v === null && amb)).toBe(true);
    expect(cellsOf(t, 'other_services')).toEqual([['prev_items', 0, false], ['delta', 0, false], ['decisions', 126, false]]);
    expect(cell(t, 'other_services', 'decisions')).toMatchObject({ how: 'solver-unique', colLabel: '处理决定数量', rowLabel: '其他对外管理服务事项' });
  });

  it('a minus sign opens 本年增/减 or is a dash for "none": "1-10" is 1 | -1 | 0 or 1 | - | 10, so only 1 is read; "15-15" in two columns is 15 | -15', () => {
    const t = t2('规章000规范性文件000第二十条第（五）项行政许可1-10行政处罚000行政强制000第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费15-15');
    expect(cellsOf(t, 'licensing')).toEqual([['prev_items', 1, false], ['delta', null, true], ['decisions', null, true]]);
    expect(cell(t, 'licensing', 'decisions')?.candidates).toEqual([0, 10]);
    expect(cellsOf(t, 'admin_fees')).toEqual([['prev_items', 15, false], ['delta', -15, false]]);
    expect(cell(t, 'admin_fees', 'delta')?.how).toBe('structure');
  });

  it('政府集中采购 with a count unit and the amount in 元; a 万元 header is carried on the amount', () => {
    let t = t2('规章000规范性文件000行政许可000行政处罚000行政强制000行政事业性收费00第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购1个246900元');
    expect(cellsOf(t, 'procurement')).toEqual([['projects', 1, false], ['amount', 246900, false]]);
    expect(cell(t, 'procurement', 'amount')?.raw).toBe('246900元');
    t = t2('规章000规范性文件000行政许可000行政处罚000行政强制000行政事业性收费00第二十条第（九）项信息内容采购项目数量采购总金额（万元）政府集中采购3 12.5');
    expect(cell(t, 'procurement', 'amount')).toMatchObject({ value: 12.5, raw: '12.5万元' });
    t = t2('规章000规范性文件000行政许可000行政处罚000行政强制000行政事业性收费00第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购3917260元');
    expect(cell(t, 'procurement', 'amount')).toMatchObject({ value: null, ambiguous: true, raw: '3917260元' });
    expect(cell(t, 'procurement', 'projects')).toMatchObject({ value: null, ambiguous: true, raw: '3917260元' });
  });
});

describe('2021 表二 and 表五', () => {
  it('a 元 figure under 行政事业性收费 (万元) is not read as the fee', () => {
    const text = '第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数行政规范性文件000第二十条第（五）项行政许可0行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费3917260元三、收到和处理政府信息公开申请情况';
    const t = parseT2(text, compact(text, 0, text.length), 0, text.length);
    expect(t?.cells.filter((c) => c.row === 'admin_fees')).toEqual([]);
    expect(t?.unparsed.map((u) => u.reason)).toContain('admin_fees: the figure is in 元, the form asks for 万元');
    // no 规章 row (2025 layout): the others are still read
    expect(t?.cells.find((c) => c.row === 'normative_docs' && c.col === 'in_force')?.value).toBe(0);
  });

  it('表五 信息处理费收取情况: three cells from "000", keyed notified/collected', () => {
    const text = '五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况000六、存在的主要问题';
    const t = parseT5(text, compact(text, 0, text.length), 0, text.length);
    expect(t?.cells.map((c) => [c.row, c.col, c.value, c.how])).toEqual([
      ['notified', 'count', 0, 'solver-unique'], ['notified', 'amount_yuan', 0, 'solver-unique'], ['collected', 'amount_yuan', 0, 'solver-unique'],
    ]);
    const spaced = '五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况 2 100.5 100.5 六、';
    expect(parseT5(spaced, compact(spaced, 0, spaced.length), 0, spaced.length)?.cells.map((c) => [c.value, c.how])).toEqual([[2, 'structure'], [100.5, 'structure'], [100.5, 'structure']]);
  });
});
