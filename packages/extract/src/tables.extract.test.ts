import { describe, expect, it } from 'vitest';
import { run, tableOf, values } from '../test/synthetic.fixture.ts';

const T3_TEXT = [
  '（二）依申请公开情况。2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。',
  '三、收到和处理政府信息公开申请情况',
  '表三',
  '一、本年新收政府信息公开申请数量\t95\t0\t0\t0\t0\t0\t95',
  '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
  '（一）予以公开\t50\t0\t0\t0\t0\t0\t50',
  '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
  '3.危及“三安全一稳定”\t1\t0\t0\t0\t0\t0\t1',
  '（七）总计\t95\t0\t0\t0\t0\t0\t95',
  '四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0',
].join('\n');

const COLS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'org_other', 'total'];
function rows(spec: Array<[string, number[]]>): Array<[string, string, number]> {
  return spec.flatMap(([row, vals]) => vals.map((v, i) => [row, COLS[i] ?? '?', v] as [string, string, number]));
}

const t3Cells = rows([
  ['new_received', [95, 0, 0, 0, 0, 0, 95]],
  ['carried_over', [0, 0, 0, 0, 0, 0, 0]],
  ['granted', [50, 0, 0, 0, 0, 0, 50]],
  ['refused.state_secret', [0, 0, 0, 0, 0, 0, 0]],
  ['refused.three_safety_one_stability', [1, 0, 0, 0, 0, 0, 1]],
  ['total', [95, 0, 0, 0, 0, 0, 95]],
  ['carried_forward', [0, 0, 0, 0, 0, 0, 0]],
]);

describe('表三 cells', () => {
  const table = tableOf(T3_TEXT, 't3', t3Cells);
  const r = run(T3_TEXT, { regime: 'C', tables: [table] });

  it('every placed cell is a t3 metric read from the table', () => {
    const cells = r.metrics.filter((m) => m.key.startsWith('t3.'));
    expect(cells).toHaveLength(t3Cells.length);
    expect(cells.every((m) => m.source === 'table' && m.evidence.quote === String(m.value))).toBe(true);
    expect(values(r)).toMatchObject({ 't3.new_received.natural': 95, 't3.refused.three_safety_one_stability.total': 1 });
  });

  it('derives the core keys, preferring the table over the narrative', () => {
    expect(values(r)).toMatchObject({
      'requests.received.total': 95, 'requests.carried_over': 0, 'requests.outcome.total': 95,
      'requests.outcome.granted': 50, 'requests.carried_forward': 0,
    });
    const received = r.mentions.filter((m) => m.key === 'requests.received.total').map((m) => [m.value, m.source]);
    expect(received).toEqual([[17, 'text'], [95, 'derived']]);
  });

  it('leaves out what the table does not hold', () => {
    expect(values(r)['t3.partial.total']).toBeUndefined();
    expect(values(r)['requests.outcome.partial']).toBeUndefined();
    // only two of the eight 不予公开 sub-rows are placed: no group total is made up
    expect(values(r)['requests.outcome.refused.total']).toBeUndefined();
  });
});

describe('cells that are not statements', () => {
  it('skips ambiguous and empty cells', () => {
    const text = '表三\n一、本年新收政府信息公开申请数量\t95\t0\t0\t0\t0\t0\t95';
    const table = tableOf(text, 't3', [['new_received', 'natural', 95], ['new_received', 'commercial', null], ['new_received', 'total', 95]], { ambiguous: ['new_received.total'] });
    expect(values(run(text, { regime: 'C', tables: [table] }))).toEqual({ 't3.new_received.natural': 95 });
  });

  it('a sum the segment stage computed is an inference, not a mention', () => {
    const text = '表三\n1.本机关不掌握相关政府信息\t31\n2.没有现成信息需要另行制作\t1\n3.补正后申请内容仍不明确\t0';
    const table = tableOf(text, 't3', [
      ['unable.not_held', 'total', 31], ['unable.needs_creation', 'total', 1], ['unable.unclear_after_amend', 'total', 0], ['unable.sum', 'total', 32, ''],
    ]);
    const r = run(text, { regime: 'C', tables: [table] });
    expect(r.metrics.find((m) => m.key === 't3.unable.sum.total')).toMatchObject({ value: 32, source: 'derived' });
    expect(r.metrics.find((m) => m.key === 'requests.outcome.unable.total')).toMatchObject({ value: 32, source: 'derived' });
    expect(r.mentions.some((m) => m.key === 't3.unable.sum.total' || m.key === 'requests.outcome.unable.total')).toBe(false);
  });

  it('a cell segment marks derived is an inference even when its digits happen to be printed nearby', () => {
    const text = '表三\n（四）无法提供\t32';
    const table = tableOf(text, 't3', [['unable.sum', 'total', 32]]);
    for (const c of table.cells) c.derived = true;
    expect(run(text, { regime: 'C', tables: [table] }).metrics.find((m) => m.key === 't3.unable.sum.total')?.source).toBe('derived');
  });

    it('sums sub-rows into the group total when the table prints no sum row', () => {
    const text = '表三\n1.本机关不掌握相关政府信息\t31\n2.没有现成信息需要另行制作\t1\n3.补正后申请内容仍不明确\t0';
    const table = tableOf(text, 't3', [['unable.not_held', 'total', 31], ['unable.needs_creation', 'total', 1], ['unable.unclear_after_amend', 'total', 0]]);
    expect(values(run(text, { regime: 'C', tables: [table] }))).toMatchObject({ 'requests.outcome.unable.total': 32 });
  });

  it('ignores cells whose row or column is not in the template', () => {
    const text = '表三\n五、合计\t7';
    const table = tableOf(text, 't3', [['grand_total', 'total', 7]]);
    expect(run(text, { regime: 'C', tables: [table] }).metrics).toEqual([]);
  });
});

describe('表四 cells', () => {
  const text = '四、政府信息公开行政复议、行政诉讼情况\n表四\n1\t1\t0\t0\t2\t1\t0\t0\t0\t1\t2\t0\t1\t0\t3';
  const groups = ['review', 'litigation_direct', 'litigation_after_review'];
  const cols = ['upheld', 'corrected', 'other', 'pending', 'total'];
  const vals = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3];
  const table = tableOf(text, 't4', vals.map((v, i) => [groups[Math.floor(i / 5)] ?? '', cols[i % 5] ?? '', v] as [string, string, number]));
  const r = run(text, { regime: 'C', tables: [table] });

  it('become t4 metrics and the review / litigation core keys', () => {
    expect(values(r)).toMatchObject({
      't4.review.total': 2, 't4.litigation_after_review.other': 1,
      'review.upheld': 1, 'review.corrected': 1, 'review.other': 0, 'review.pending': 0, 'review.total': 2,
      'litigation.direct.total': 1, 'litigation.after_review.total': 3, 'litigation.total': 4,
    });
  });

  it('litigation.total is a sum of two cells: derived, not a statement', () => {
    expect(r.metrics.find((m) => m.key === 'litigation.total')?.source).toBe('derived');
    expect(r.mentions.some((m) => m.key === 'litigation.total')).toBe(false);
  });

  it('a sum of two cells quotes both, from the first to the last', () => {
    const ev = r.metrics.find((m) => m.key === 'litigation.total')?.evidence;
    expect(ev?.quote).toBe('1\t2\t0\t1\t0\t3');
    expect(text.slice(ev?.start, ev?.end)).toBe(ev?.quote);
    expect(r.metrics.find((m) => m.key === 'litigation.direct.total')?.evidence.quote).toBe('1');
  });
});

describe('where each table figure came from (evidence.cell)', () => {
  const table = tableOf(T3_TEXT, 't3', t3Cells);
  for (const c of table.cells) {
    if (c.row === 'new_received') Object.assign(c, { how: 'solver-unique', rowLabel: '一、本年新收政府信息公开申请数量', colLabel: c.col === 'total' ? '总计' : c.col });
  }
  const r = run(T3_TEXT, { regime: 'C', tables: [table] });

  it('names table, row, column, their printed labels and how the cell was read', () => {
    expect(r.metrics.find((m) => m.key === 't3.new_received.total')?.evidence.cell).toEqual({
      table: 't3', row: 'new_received', col: 'total', rowLabel: '一、本年新收政府信息公开申请数量', colLabel: '总计', how: 'solver-unique',
    });
    // a cell without `how` (from before the field existed) was read from structure
    expect(r.metrics.find((m) => m.key === 't3.granted.natural')?.evidence.cell).toEqual({ table: 't3', row: 'granted', col: 'natural', how: 'structure' });
  });

  it('a core key read off one cell carries that cell', () => {
    expect(r.metrics.find((m) => m.key === 'requests.received.total')?.evidence.cell).toMatchObject({ table: 't3', row: 'new_received', col: 'total', how: 'solver-unique' });
  });

  it('a 政府集中采购 amount printed in 万元 becomes 元 exactly', () => {
    const text = '第二十条第（九）项信息内容采购项目数量采购总金额（万元）政府集中采购3 1234.5678';
    const at = text.indexOf('1234.5678');
    const t2 = {
      kind: 't2' as const, variant: '2019', start: 0, end: text.length, unparsed: [],
      cells: [
        { row: 'procurement', col: 'projects', value: 3, raw: '3', start: at - 2, end: at - 1, how: 'structure' as const },
        { row: 'procurement', col: 'amount', value: 1234.5678, raw: '1234.5678万元', start: at, end: at + 9, how: 'structure' as const },
      ],
    };
    const got = run(text, { regime: 'B', tables: [t2] });
    expect(values(got)).toMatchObject({ 't2.procurement.projects': 3, 't2.procurement.amount': 12345678 });
  });
});
