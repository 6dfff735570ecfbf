import { describe, expect, it } from 'vitest';
import { consistentT3, CONSISTENT_T4, SyntheticReport } from '../../test/synthetic.fixture.ts';
import { topicStatements } from '../topic-statements.scan.ts';
import { buildContext } from '../validate.context.ts';
import { checkRequiredContent } from './required-content.rule.ts';

const run = (r: SyntheticReport) => {
  const ctx = buildContext(r.build());
  return checkRequiredContent(ctx, topicStatements(ctx)).map((f) => String(f.data?.['item']));
};

const A_FULL = [
  '一、概述', '我县主动公开政府信息3651条。',
  '二、依申请公开情况', '2017年度我县未接到群众主动要求公开政府信息的申请。',
  '三、收费及减免情况', '我县政府信息公开工作内容不涉及有关收费及减免情况。',
  '四、行政复议和行政诉讼情况', '我县2017年度，未发生有关政府信息公开事务的行政复议案、行政诉讼案。',
  '五、存在的主要问题及改进措施', '公开的内容不够全面。',
].join('\n');

describe('REQUIRED_CONTENT_MISSING, regime A (条例 2008 Art. 32)', () => {
  it.each([
    { name: 'all five items stated (seed 001 shape)', text: A_FULL, want: [] },
    { name: 'fees never stated (seeds 000, 002, 003)', text: A_FULL.replace(/三、收费及减免情况\n.*\n/, ''), want: ['fees'] },
    {
      name: 'review/litigation only named as a training topic (seed 004)',
      text: A_FULL.replace(/四、行政复议.*\n.*\n/, '讲授政府信息公开行政复议、行政诉讼案件总体情况及应对思路。\n'),
      want: ['review_litigation'],
    },
    { name: 'review stated as a zero count (pingtan 2013 tax bureau)', text: A_FULL.replace(/四、行政复议.*\n.*\n/, '2013年，我局收到以有关政府信息公开行政复议0件。\n'), want: [] },
    { name: 'nothing about problems', text: A_FULL.replace(/五、存在.*\n.*$/, ''), want: ['problems'] },
  ])('$name', ({ text, want }) => expect(run(new SyntheticReport(text))).toEqual(want));

  it('a section of the right kind is enough, whatever its title (seed 004 titles sections by work themes)', () => {
    const text = A_FULL.replace(/三、收费及减免情况\n.*\n/, '三、其他工作\n全面推进。\n');
    expect(run(new SyntheticReport(text).section('三、其他工作', 'fees'))).toEqual([]);
  });

  it('further topics count for top-level sections (seed 002), not for sub-sections mentioning 问题 in passing (pingtan 2013 tax bureau)', () => {
    const text = A_FULL.replace(/五、存在.*\n.*$/, '（三）咨询情况\n纳税人遇到的问题当场答复。');
    expect(run(new SyntheticReport(text).section('四、行政复议和行政诉讼情况', 'review_litigation', 1, ['problems']))).toEqual([]);
    expect(run(new SyntheticReport(text).section('四、行政复议和行政诉讼情况', 'review_litigation').section('（三）咨询情况', 'other', 2, ['problems']))).toEqual(['problems']);
  });

  it('an explicit zero metric from extract is a statement', () => {
    const text = A_FULL.replace(/三、收费及减免情况\n.*\n/, '三、其他\n依申请提供政府信息暂不收取。\n');
    expect(run(new SyntheticReport(text).mention('fees.amount_wan_yuan', 0, '依申请提供政府信息暂不收取'))).toEqual([]);
  });

  it('evidence shows what the report does contain (its headings)', () => {
    const r = new SyntheticReport(A_FULL.replace(/三、收费及减免情况\n.*\n/, '')).section('一、概述', 'overview').section('二、依申请公开情况', 'requests');
    const ctx = buildContext(r.build());
    const [f] = checkRequiredContent(ctx, topicStatements(ctx));
    expect(f?.evidence.map((e) => e.quote)).toEqual(['一、概述', '二、依申请公开情况']);
  });
});

const BC_FULL = [
  '一、总体情况', '（一）主动公开', '二、主动公开政府信息情况', '第二十条第（一）项 信息内容 本年制发件数',
  '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '无收取信息处理费情况。',
].join('\n');

describe('REQUIRED_CONTENT_MISSING, regimes B/C (six sections, three tables)', () => {
  const c = (text: string) => new SyntheticReport(text, { regime: 'C' }).t3(consistentT3()).t4(CONSISTENT_T4);
  it.each([
    { name: 'complete', text: BC_FULL, want: [] },
    { name: 'no section 六', text: BC_FULL.replace(/六、其他需要报告的事项\n.*$/, ''), want: ['other'] },
    { name: 'the 2022 pingtan typo 行政法复议 still names section 四', text: BC_FULL.replace('行政复议、行政诉讼情况', '行政法复议、行政诉讼情况'), want: [] },
    { name: 'no 表二', text: BC_FULL.replace('第二十条第（一）项', ''), want: ['t2'] },
    { name: 'section 一 printed without its 、 after the 引言 (…联系电话：23156157。一总体情况2020年…)', text: BC_FULL.replace('一、总体情况', '如有疑问请联系电话：23156157。一总体情况2020年，我局…'), want: [] },
    { name: 'near miss: the 引言 only lists the parts, and 统一总体情况 is no heading', text: BC_FULL.replace('一、总体情况', '本报告由总体情况、主动公开政府信息情况等六个部分组成。统一总体情况部署。'), want: ['overview'] },
  ])('$name', ({ text, want }) => expect(run(c(text))).toEqual(want));

  it('no 表四 at all', () => {
    expect(run(new SyntheticReport(BC_FULL, { regime: 'C' }).t3(consistentT3()))).toEqual(['t4']);
  });
});
