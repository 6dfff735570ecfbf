import { describe, expect, it } from 'vitest';
import { run } from '../test/synthetic.fixture.ts';

const zeros = (text: string) =>
  Object.fromEntries(run(text).metrics.filter((m) => m.source === 'zero').map((m) => [m.key, m.value]));

describe('zero statements are explicit zeros', () => {
  it.each<[string, string[]]>([
    ['全年未发生针对我办有关政府信息公开而引起的行政复议、行政诉讼及投诉举报案件。', ['review.total', 'litigation.total', 'complaints.total']],
    ['我县2017年度，未发生有关政府信息公开事务的行政复议案、行政诉讼案和有关的投诉案。', ['review.total', 'litigation.total', 'complaints.total']],
    ['2017年度我县未接到群众主动要求公开政府信息的申请。', ['requests.received.total']],
    ['今年以来，我区没有涉及政府信息及政务公开的行政复议、行政诉讼情况，没有依申请公开和投诉举报情况。', ['review.total', 'litigation.total', 'requests.received.total', 'complaints.total']],
    ['我县政府信息公开工作内容不涉及有关收费及减免情况。', ['fees.amount_wan_yuan']],
    ['未发生因依申请公开信息收取费用。', ['fees.amount_wan_yuan']],
    ['2015年我区各级工作部门依申请提供政府信息暂不收费。', ['fees.amount_wan_yuan']],
    ['2022年，无收取信息处理费情况。', ['fees.amount_wan_yuan']],
    ['2011年全区未收到有关政府信息公开的申请，未收到有关政府信息公开行政复议申请。', ['requests.received.total', 'review.total']],
    ['2015年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。', ['review.total', 'litigation.total']],
    ['本年度，我区无公民、法人依申请公开事项，未发生失、泄密事件。', ['requests.received.total']],
    ['（一）工作人员情况我局没有从事政府信息公开工作的全职人员，兼职人员1人。', ['staff.fulltime']],
    ['（二）申请处理情况因未发生政府信息公开申请，故不存在政府信息答复处理情况。', ['requests.received.total', 'requests.outcome.total']],
  ])('%s', (text, keys) => {
    const got = zeros(text);
    expect(Object.keys(got).sort()).toEqual([...keys].sort());
    expect(Object.values(got).every((v) => v === 0)).toBe(true);
  });

  it.each([
    '4.无正当理由大量反复申请',
    '3.补正后申请内容仍不明确；无法提供的信息',
    '未发生失、泄密事件。',
    '应公开信息未公开和公开信息不及时等问题。',
    '凡未经公开审核环节办理的，均不得以厅及厅办的名义发文。',
    '解答纳税人咨询达3000多人次，零投诉。',
    '因申请信息不存在，告知申请人。',
    '不存在信息发布不及时等问题。',
  ])('no zero in %s', (text) => {
    expect(zeros(text)).toEqual({});
  });

  it('a stated count wins over a contradicting zero statement, which stays a mention', () => {
    const r = run('三、依申请公开政府信息办理情况\n2017年受理依申请公开9件。\n本年度，我区无公民、法人依申请公开事项。');
    expect(r.metrics.find((m) => m.key === 'requests.received.total')).toMatchObject({ value: 9, source: 'text' });
    expect(r.mentions.filter((m) => m.key === 'requests.received.total').map((m) => [m.value, m.source])).toEqual([[9, 'text'], [0, 'zero']]);
  });

  it('a zero full-time staff and a stated part-time count make the staff total', () => {
    const r = run('我局没有从事政府信息公开工作的全职人员，兼职人员1人。');
    expect(r.metrics.map((m) => [m.key, m.value, m.unit, m.source])).toEqual([
      ['staff.fulltime', 0, '人', 'zero'], ['staff.total', 1, '人', 'derived'], ['staff.parttime', 1, '人', 'text'],
    ]);
  });

  it('what the report does not state stays absent', () => {
    const r = run('2017年，我区主动公开政府信息1763条。');
    expect(r.metrics.map((m) => m.key)).toEqual(['proactive.total']);
  });
});
