import { describe, expect, it } from 'vitest';
import { consistentT3, CONSISTENT_T4, SyntheticReport } from '../../test/synthetic.fixture.ts';
import { buildContext } from '../validate.context.ts';
import { checkT3 } from './t3-table.rule.ts';
import { checkT4 } from './t4-table.rule.ts';
import { checkTableState } from './table-state.rule.ts';

const HEAD = '三、收到和处理政府信息公开申请情况';

function t3With(edit: (rows: ReturnType<typeof consistentT3>) => void, o: Parameters<SyntheticReport['t3']>[1] = {}) {
  const rows = consistentT3();
  edit(rows);
  const ctx = buildContext(new SyntheticReport(HEAD, { regime: 'C' }).t3(rows, o).build());
  return { ctx, findings: [...checkT3(ctx), ...checkTableState(ctx)] };
}

const label = (f: { rule: string; data?: Record<string, unknown> }) =>
  `${f.rule}:${String(f.data?.['column'] ?? f.data?.['row'] ?? f.data?.['table'] ?? '')}`;

describe('表三 identities', () => {
  it('a consistent table gives no finding', () => {
    expect(t3With(() => {}).findings).toEqual([]);
  });

  const cases: Array<{ name: string; edit: (r: ReturnType<typeof consistentT3>) => void; want: string[] }> = [
    {
      name: 'one sub-row cell changed (natural 不掌握 2→3)',
      edit: (r) => { r['unable.not_held'] = [3, 1, 0, 0, 0, 0, 3]; },
      want: ['T3_ROW_SUM:unable.not_held', 'T3_SUBSUMS:natural'],
    },
    {
      name: 'a total cell changed (总计 natural 9→8)',
      edit: (r) => { r['total'] = [8, 2, 0, 0, 0, 0, 11]; },
      want: ['T3_BALANCE:natural', 'T3_ROW_SUM:total', 'T3_TOTAL_SUM:natural'],
    },
    {
      name: 'row and column totals changed together (新收 10→11 in 总计 only)',
      edit: (r) => { r['new_received'] = [8, 2, 0, 0, 0, 0, 11]; },
      want: ['T3_BALANCE:total', 'T3_ROW_SUM:new_received'],
    },
  ];
  it.each(cases)('$name', ({ edit, want }) => {
    const { findings } = t3With(edit);
    expect(findings.map(label).sort()).toEqual(want.sort());
    for (const f of findings) {
      expect(f.severity).toBe('error');
      expect(f.evidence.length).toBeGreaterThan(1);
      expect(f.message).toMatch(/\d/);
    }
  });

  it('computes a sum row the report omits, and still checks the total', () => {
    const omit = (r: ReturnType<typeof consistentT3>) => { delete r['refused.sum']; delete r['unable.sum']; };
    expect(t3With(omit).findings).toEqual([]);
    const wrong = t3With((r) => { omit(r); r['refused.third_party'] = [2, 0, 0, 0, 0, 0, 2]; }).findings.map(label).sort();
    expect(wrong).toEqual(['T3_TOTAL_SUM:natural', 'T3_TOTAL_SUM:total']);
  });

  it('2019 format: （六）其他处理 is one row, not a sum of sub-rows', () => {
    const { findings } = t3With((r) => { delete r['other.no_amend_overdue']; delete r['other.fee_unpaid']; delete r['other.other']; }, { variant: '2019' });
    expect(findings).toEqual([]);
  });

  it('does not check identities through an ambiguous cell, and says so', () => {
    const { findings } = t3With((r) => { r['granted'] = [5, 1, 0, 0, 0, 0, 5]; }, { ambiguous: ['granted.natural'] });
    expect(findings.map((f) => f.rule)).toEqual(['TABLE_UNREAD']);
    expect(findings[0]?.severity).toBe('info');
  });

  it('reports blank and "/" cells, and checks nothing through them', () => {
    const { findings } = t3With((r) => { r['partial'] = ['/', 0, 0, 0, 0, '', 1]; });
    expect(findings.map((f) => `${f.rule}:${f.severity}:${f.data?.['cells']}`)).toEqual(['EMPTY_OR_SLASH:warning:2']);
  });
});

describe('表四 group sums', () => {
  const run = (values: Array<number | null>) => {
    const ctx = buildContext(new SyntheticReport('四、政府信息公开行政复议、行政诉讼情况', { regime: 'C' }).t4(values).build());
    return checkT4(ctx);
  };
  it('a consistent table gives no finding', () => expect(run(CONSISTENT_T4 as number[])).toEqual([]));
  it('each group is checked on its own', () => {
    const v = [...CONSISTENT_T4] as number[];
    v[4] = 3; // review total 2 → 3
    v[14] = 1; // after-review total 0 → 1
    expect(run(v).map((f) => `${f.data?.['group']}:${f.data?.['sum']}≠${f.data?.['total']}`)).toEqual(['review:2≠3', 'litigation_after_review:0≠1']);
  });
});

describe('uniform tables that could not be read', () => {
  it('a 表三 in the text with no placed cell is TABLE_UNREAD (info), not silence', () => {
    const ctx = buildContext(new SyntheticReport('三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 713000074', { regime: 'C' }).build());
    expect(checkTableState(ctx).map((f) => `${f.rule}:${f.severity}:${f.data?.['table']}`)).toEqual(['TABLE_UNREAD:info:t3']);
  });
  it('regime A has no uniform tables to check', () => {
    const ctx = buildContext(new SyntheticReport('一、概述', { regime: 'A' }).build());
    expect([...checkT3(ctx), ...checkT4(ctx), ...checkTableState(ctx)]).toEqual([]);
  });
});
