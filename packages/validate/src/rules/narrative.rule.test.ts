import { describe, expect, it } from 'vitest';
import { consistentT3, CONSISTENT_T4, SyntheticReport } from '../../test/synthetic.fixture.ts';
import { topicStatements } from '../topic-statements.scan.ts';
import { buildContext } from '../validate.context.ts';
import { checkContradictions, checkTextVsTable } from './narrative.rule.ts';
import { checkRepeatedMentions } from './repeated-mention.rule.ts';

function contradictions(r: SyntheticReport) {
  const ctx = buildContext(r.build());
  return checkContradictions(ctx, topicStatements(ctx));
}

describe('TEXT_CONTRADICTION (reads the text; extract optional)', () => {
  const cases: Array<{ name: string; text: string; want: string[] }> = [
    {
      name: 'seed 003: 无…依申请公开事项 vs 受理依申请公开9件',
      text: '三、依申请公开政府信息办理情况\n2017年受理依申请公开9件，其中同意公开答复1件。\n四、行政复议\n收到行政复议案件5件。本年度，我区无公民、法人依申请公开事项，未发生失、泄密事件。',
      want: ['requests'],
    },
    { name: 'a "none" alone is fine (seed 001)', text: '2017年度我县未接到群众主动要求公开政府信息的申请。', want: [] },
    { name: 'none of reviews vs 5 reviews', text: '全年未发生针对我办的行政复议、行政诉讼案件。收到行政复议案件5件，其中维持2件。', want: ['review'] },
    { name: 'no corrected reviews is not "no reviews"', text: '未发生行政复议被纠错的情况。收到行政复议案件5件。', want: [] },
    { name: '无正当理由 (a 表三 label) is not a "none" statement', text: '申请人无正当理由大量反复申请的不予处理。全区收到政府信息公开申请75件。', want: [] },
    {
      name: 'review-application counts are not request counts (pingtan 2013)',
      text: '三、政府信息依申请公开工作情况 2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。',
      want: [],
    },
    {
      name: 'other application counts are not disclosure requests (pingtan 2015 service hall)',
      text: '建立窗口服务大厅，共受理申请136437件。三、政府信息依申请公开工作情况 2015年全区未收到有关政府信息公开申请。',
      want: [],
    },
    {
      name: 'no correction from the applicant (申请人) is not "no request" (pingtan 2021 公安局)',
      text: '2021年，我单位收到政府信息公开申请2件，已发出补正告知，至今未收到该申请人寄回的补正材料，结转下年度办理。',
      want: [],
    },
    {
      name: 'no one applied for a review against us (申请 as the verb of 行政复议) is not "no request"',
      text: '全年收到政府信息公开申请3件。全年没有因政府信息公开针对本局申请行政复议的事项。',
      want: [],
    },
    {
      name: 'near miss: no applicant filed a request is "no request"',
      text: '本年度没有申请人提出政府信息公开申请。全年收到政府信息公开申请2件。',
      want: ['requests'],
    },
    { name: 'fees: 无收取信息处理费 vs a fee', text: '六、其他需要报告的事项 2022年，无收取信息处理费情况。', want: [] },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    const got = contradictions(new SyntheticReport(text));
    expect(got.map((f) => f.data?.['topic'])).toEqual(want);
    for (const f of got) {
      expect(f.severity).toBe('warning');
      expect(f.evidence).toHaveLength(2);
      expect(f.evidence[1]?.quote).toMatch(/[1-9]/);
    }
  });

  it('a "none" mention from extract against a non-zero table cell', () => {
    const r = new SyntheticReport('三、收到和处理政府信息公开申请情况 本年度未收到政府信息公开申请。', { regime: 'C' })
      .mention('requests.received.total', 0, '未收到政府信息公开申请').t3(consistentT3());
    expect(contradictions(r).map((f) => f.evidence.map((e) => e.quote))).toEqual([['未收到政府信息公开申请', '10']]);
  });
});

describe('TEXT_VS_TABLE', () => {
  const run = (text: string) => {
    const ctx = buildContext(new SyntheticReport(text, { regime: 'C' }).t3(consistentT3()).t4(CONSISTENT_T4).build());
    return checkTextVsTable(ctx, topicStatements(ctx));
  };
  it.each([
    { name: 'new received matches', text: '2021年，全区共收到政府信息公开申请10件，办结11件，1件结转下年度继续办理。行政复议案件2件，行政诉讼案件1件。', want: [] },
    { name: 'new + carried over is accepted too', text: '全区收到政府信息公开申请12件。', want: [] },
    { name: 'a different scope (hzq 2024: 17 vs 95)', text: '区政府办代表区政府受理政府信息公开申请17件。', want: ['requests:17'] },
    { name: 'reviews and lawsuits against 表四', text: '全年办理因政府信息公开申请引发的行政复议3起，行政诉讼4起。', want: ['review:3', 'litigation:4'] },
    { name: 'a count belongs to the topic before it (2022: 行政诉讼案件1件、行政复议案件2件)', text: '2022年，全区共有行政诉讼案件1件、行政复议案件2件，均已结案。', want: [] },
    { name: '上年结转 is carried over, not carried forward (淮安 2024)', text: '全年收到政府信息公开申请10件，答复12件（含上年度结转申请2件，另有1件顺延到下年度答复）。', want: [] },
    { name: '上年结转 that disagrees with 表三', text: '全年收到政府信息公开申请10件，答复12件（含上年度结转申请3件，另有2件顺延到下年度答复）。', want: ['requests_carried_over:3', 'requests_carried:2'] },
  ])('$name', ({ text, want }) => {
    expect(run(text).map((f) => `${f.data?.['topic']}:${f.data?.['text']}`)).toEqual(want);
  });
});

describe('REPEATED_MENTION_CONFLICT', () => {
  const text = '2017年全区政府信息公开总数为3452条。区政府2017年度主动公开各类政府信息共计3452条，共计公开各类信息280余条。';
  const base = () => new SyntheticReport(text).mention('proactive.total', 3452, '政府信息公开总数为3452条').mention('proactive.total', 280, '公开各类信息280余条', { approx: true });
  it('two statements that agree (seed 003) and an approximate one: nothing', () => {
    expect(checkRepeatedMentions(buildContext(base().mention('proactive.total', 3452, '共计3452条').build()))).toEqual([]);
  });
  it('two exact statements that disagree: a warning citing both', () => {
    const r = new SyntheticReport(text.replace('共计3452条', '共计3425条')).mention('proactive.total', 3452, '政府信息公开总数为3452条').mention('proactive.total', 3425, '共计3425条');
    const got = checkRepeatedMentions(buildContext(r.build()));
    expect(got.map((f) => [f.rule, f.severity, f.data?.['values']])).toEqual([['REPEATED_MENTION_CONFLICT', 'warning', '3452,3425']]);
    expect(got[0]?.evidence.map((e) => e.quote)).toEqual(['政府信息公开总数为3452条', '共计3425条']);
  });
  it('a prose "request" count that is not about disclosure requests is not compared (pingtan 2020: 收到群众诉求348件)', () => {
    const r = new SyntheticReport('组织开展19期《问政平潭》，收到群众诉求348件，现场解决162件。全区各级行政机关共受理政府信息公开申请21件。')
      .mention('requests.received.total', 348, '收到群众诉求348件').mention('requests.received.total', 21, '受理政府信息公开申请21件');
    expect(checkRepeatedMentions(buildContext(r.build()))).toEqual([]);
  });
  it('a total mentioned inside a 其中 list is a part of another total (pingtan 2012: 其中…信息9条)', () => {
    const r = new SyntheticReport('2012年主动公开政府信息1913条。门户网站公开政府信息3636条，其中涉及财政预算决算信息9条。')
      .mention('proactive.total', 1913, '主动公开政府信息1913条').mention('proactive.total', 9, '其中涉及财政预算决算信息9条');
    expect(checkRepeatedMentions(buildContext(r.build()))).toEqual([]);
  });
  it('a total stated inside an 一是/二是 item is a line of work, not the total (pingtan 2023: 四是…公开信息1654条)', () => {
    const r = new SyntheticReport('2023年全区共主动公开政府信息13561条。四是强化基层政务公开，持续做好重点民生领域的信息公开，公开信息1654条。')
      .mention('proactive.total', 13561, '主动公开政府信息13561条').mention('proactive.total', 1654, '公开信息1654条');
    expect(checkRepeatedMentions(buildContext(r.build()))).toEqual([]);
  });
  it('a count read under a section about another topic is not compared (pingtan 2017: 82 policy readings)', () => {
    const text = '二、主动公开政府信息情况\n（一）数量\n2017年全区主动公开政府信息2122条。\n（四）政策解读工作情况\n2017年，共公开发布信息82条。';
    const build = (level: number) => new SyntheticReport(text).section('二、主动公开政府信息情况', 'proactive')
      .section('（一）数量', 'proactive', level).section('（四）政策解读工作情况', 'response', level)
      .mention('proactive.total', 2122, '主动公开政府信息2122条').mention('proactive.total', 82, '共公开发布信息82条');
    expect(checkRepeatedMentions(buildContext(build(2).build()))).toEqual([]);
    // the same topics as top-level sections (regime A often combines topics there): compared
    expect(checkRepeatedMentions(buildContext(build(1).build())).map((f) => f.rule)).toEqual(['REPEATED_MENTION_CONFLICT']);
  });
  it('a count under a heading on one kind of information is that kind’s, not the total (pingtan 2019: （10）推进重大建设项目信息公开…291条)', () => {
    const build = (heading: string) => new SyntheticReport(`（一）基本情况\n全年全区主动公开政府信息2000条。\n${heading}\n区市场监管局全年共发布信息120条。`)
      .section('（一）基本情况', 'overview', 2).section(heading, 'proactive', 3)
      .mention('proactive.total', 2000, '主动公开政府信息2000条').mention('proactive.total', 120, '全年共发布信息120条');
    expect(checkRepeatedMentions(buildContext(build('（1）推进食品药品安全信息公开').build()))).toEqual([]);
    // near miss: a heading on disclosure as such names no kind; the two totals are compared
    expect(checkRepeatedMentions(buildContext(build('（1）推进政府信息公开').build())).map((f) => f.rule)).toEqual(['REPEATED_MENTION_CONFLICT']);
  });
  it('a "none" statement against a count is left to TEXT_CONTRADICTION', () => {
    const r = new SyntheticReport('本年度无依申请公开事项。2017年受理依申请公开9件。').mention('requests.received.total', 0, '无依申请公开事项').mention('requests.received.total', 9, '受理依申请公开9件');
    expect(checkRepeatedMentions(buildContext(r.build()))).toEqual([]);
  });
});
