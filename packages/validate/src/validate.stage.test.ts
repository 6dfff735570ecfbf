import { describe, expect, it } from 'vitest';
import type { SegmentResult } from '@gongkai/core';
import { buildContext } from './validate.context.ts';
import { checkNonNegInt } from './rules/nonneg-int.rule.ts';
import { consistentT3, CONSISTENT_T4, SyntheticReport } from '../test/synthetic.fixture.ts';
import { validate } from './validate.stage.ts';

const A_REPORT = [
  '平山县2017年政府信息公开年度报告',
  '一、概述', '我县政府网站共公开各类信息3651条。',
  '二、依申请公开情况', '2017年度我县未接到群众主动要求公开政府信息的申请。',
  '三、收费及减免情况', '我县政府信息公开工作内容不涉及有关收费及减免情况。',
  '四、行政复议和行政诉讼情况', '未发生有关政府信息公开事务的行政复议案、行政诉讼案。',
  '五、存在的主要问题及改进措施', '从事政府信息公开工作人员5人，其中专职人员2人，兼职人员3人。',
].join('\n');

describe('validate (the stage)', () => {
  it('a clean report is valid with no findings', () => {
    expect(validate(new SyntheticReport(A_REPORT).build())).toEqual({ findings: [], status: 'valid' });
  });

  it('status: warnings when the worst is a warning, invalid on any error; errors come first', () => {
    const text = A_REPORT.replace(/三、收费及减免情况\n.*\n/, '').replace('兼职人员3人', '兼职人员4人');
    const r = new SyntheticReport(text).breakdown(['工作人员5人', 5, 'staff.total'], [['专职人员2人', 2], ['兼职人员4人', 4]], true);
    const out = validate(r.build());
    expect(out.findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['error:A_CHILD_LE', 'warning:REQUIRED_CONTENT_MISSING']);
    expect(out.status).toBe('invalid');
    const warnOnly = validate(new SyntheticReport(A_REPORT.replace(/三、收费及减免情况\n.*\n/, '')).build());
    expect(warnOnly.status).toBe('warnings');
  });

  it('a text that is not a report: one NOT_A_REPORT finding, status invalid, no crash', () => {
    const out = validate(new SyntheticReport('今天天气晴朗，适合出门散步。公园里的花都开了，孩子们在草地上放风筝，老人们在树荫下下棋聊天。').build());
    expect(out.findings.map((f) => f.rule)).toEqual(['NOT_A_REPORT']);
    expect(out.status).toBe('invalid');
  });

  it('survives empty and skeletal inputs from the upstream stages', () => {
    const r = new SyntheticReport('', { year: null }).build();
    expect(validate(r).status).toBe('invalid');
    const skeletal = new SyntheticReport(A_REPORT, { year: null }).build();
    const empty: SegmentResult = { ...skeletal.segment, sections: [], tables: [], spans: [], paragraphs: [] };
    expect(() => validate({ ...skeletal, segment: empty, extract: { metrics: [], mentions: [], breakdowns: [] } })).not.toThrow();
  });

  it('is deterministic and leaves its input untouched', () => {
    const input = new SyntheticReport(A_REPORT.replace('不涉及有关收费及减免情况', ''), { regime: 'C' }).t3(consistentT3()).t4(CONSISTENT_T4).build();
    const before = JSON.stringify(input);
    const a = validate(input), b = validate(input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('every finding cites the text verbatim', () => {
    const r = new SyntheticReport(`${A_REPORT}\n附件:政府信息公开情况统计表`, { regime: 'C' }).t3({ ...consistentT3(), total: [9, 3, 0, 0, 0, 0, 11] }).t4([1, 0, 0, 1, 3]);
    const input = r.build();
    const out = validate(input);
    expect(out.findings.length).toBeGreaterThan(3);
    for (const f of out.findings) for (const e of f.evidence) expect(input.decode.text.slice(e.start, e.end)).toBe(e.quote);
  });
});

describe('NONNEG_INT', () => {
  it.each([
    { key: 'requests.received.total', value: -3, want: ['NONNEG_INT'] },
    { key: 'requests.received.total', value: 2.5, want: ['NONNEG_INT'] },
    { key: 'fees.amount_wan_yuan', value: 0.35, want: [] },
    { key: 'fees.amount_wan_yuan', value: -1, want: ['NONNEG_INT'] },
    { key: 't2.licensing.delta', value: -2, want: [] },
  ])('$key = $value', ({ key, value, want }) => {
    const r = new SyntheticReport(`数值${value}件。`).mention(key, value, `${value}件`);
    expect(checkNonNegInt(buildContext(r.build())).map((f) => f.rule)).toEqual(want);
  });

  it('checks table cells too', () => {
    const rows = { ...consistentT3(), partial: [1, 0, 0, 0, 0, -1, 0] };
    const ctx = buildContext(new SyntheticReport('三、收到和处理政府信息公开申请情况', { regime: 'C' }).t3(rows).build());
    expect(checkNonNegInt(ctx).map((f) => f.data?.['key'])).toEqual(['t3.partial.org_other']);
  });
});
