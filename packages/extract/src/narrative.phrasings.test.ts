/**
 * The ways reports across the country state a total and its parts (issue 14),
 * each with a sentence that must give the figure and a near miss that must not.
 */
import { describe, expect, it } from 'vitest';
import type { Regime } from '@gongkai/core';
import { run, values } from '../test/synthetic.fixture.ts';

interface Case {
  name: string;
  gives: string;
  want: Record<string, number | string>;
  nearMiss: string;
  /** Keys the near miss must leave unread. */
  notKeys: string[];
  regime?: Regime;
}

const CASES: Case[] = [
  { name: '共主动公开各类信息…份', gives: '2016年共主动公开各类信息263份。', want: { 'proactive.total': 263 },
    nearMiss: '2016年印发政府信息公开宣传资料263份。', notKeys: ['proactive.total'] },
  { name: '…等内容57条 after 主动公开', gives: '全年主动公开了机构职能、政策法规、工作动态等内容57条。', want: { 'proactive.total': 57 },
    nearMiss: '其中主动公开了财政预决算、“三公”经费等内容57条。', notKeys: ['proactive.total'] },
  { name: '…等内容57条, loose wording', gives: '2016年公开了机构职能、政策法规、工作动态等内容57条。', want: { 'proactive.total': 57 },
    nearMiss: '在政府信息公开专栏公开了招聘、采购等内容57条。', notKeys: ['proactive.total'] },
  { name: '共计3000余条 (approximate)', gives: '全年共计公开政府信息3000余条。', want: { 'proactive.total': '~3000' },
    nearMiss: '全年办理网民留言共计3000余条。', notKeys: ['proactive.total'] },
  { name: '30余万条 (approximate, 万)', gives: '全年主动公开政府信息30余万条。', want: { 'proactive.total': '~300000' },
    nearMiss: '政府网站全年访问量30余万人次。', notKeys: ['proactive.total'] },
  { name: '依申请公开信息合计…件', gives: '全年依申请公开信息合计9件。', want: { 'requests.received.total': 9 },
    nearMiss: '作为依申请公开信息数9条。', notKeys: ['requests.received.total'] },
  { name: '需要另行制作的…件', gives: '共受理申请30件，其中需要另行制作的8件。', want: { 't3.unable.needs_creation.total': 8 }, regime: 'C',
    nearMiss: '对需要另行制作的信息，告知申请人，全年共受理申请30件。', notKeys: ['t3.unable.needs_creation.total'] },
  { name: '无法提供…件（31.5%）', gives: '全年办理申请689件，无法提供217件（31.5%）。', want: { 'requests.outcome.unable.total': 217 }, regime: 'C',
    nearMiss: '因申请人无法提供身份证明被退回申请217件。', notKeys: ['requests.outcome.unable.total'] },
  { name: '其他处理…件', gives: '办理申请50件，予以公开30件，其他处理6件。', want: { 'requests.outcome.other.total': 6, 'requests.outcome.granted': 30 }, regime: 'C',
    nearMiss: '其他处理方式的申请已在6个工作日内答复。', notKeys: ['requests.outcome.other.total'] },
  { name: '转入下一年度办理…件', gives: '全年受理申请40件，转入下一年度办理2件。', want: { 'requests.carried_forward': 2 }, regime: 'C',
    nearMiss: '全年受理申请40件，转入下一年度办理的申请均已告知申请人。', notKeys: ['requests.carried_forward'] },
  { name: '含上年度结转…件', gives: '共受理政府信息公开申请20件（含上年度结转4件）。', want: { 'requests.received.total': 20, 'requests.carried_over': 4 }, regime: 'C',
    nearMiss: '上年度结转的申请已全部办结，办结率100%。', notKeys: ['requests.carried_over'] },
  { name: '三次组织培训 (Chinese numeral before the noun)', gives: '全年三次组织政府信息公开培训。', want: { 'training.sessions': 3 },
    nearMiss: '全年三次组织政府信息公开检查。', notKeys: ['training.sessions'] },
  { name: 'channel: verb before 微博', gives: '全年共发布各类警务微博3457条，编发警务微信1451余条。', want: { 'proactive.channel.weibo': 3457, 'proactive.channel.wechat': '~1451' },
    nearMiss: '开通警务微博3个，警务微信被转发2077次。', notKeys: ['proactive.channel.weibo', 'proactive.channel.wechat'] },
  { name: '网上公开…占总数的…% is the online channel', gives: '全局主动公开执法信息30条，其中网上公开信息14条，占总数的47%。通过公告栏等其它方式公开信息16条。',
    want: { 'proactive.total': 30, 'proactive.channel.website': 14, 'proactive.channel.other': 16 },
    nearMiss: '我局主动公开预算信息30条。', notKeys: ['proactive.total'] },
  { name: '3场新闻发布会 (number before the noun)', gives: '开展了30余个集中宣传活动及3场新闻发布会。', want: { 'response.press_conferences': 3 },
    nearMiss: '开展了3场新闻宣传活动。', notKeys: ['response.press_conferences'] },
  { name: '政策解读7次', gives: '通过政府网站、报纸等方式进行政策解读7次。', want: { 'response.interpretations': 7 },
    nearMiss: '组织政策解读培训7次。', notKeys: ['response.interpretations'] },
  { name: '2名人员兼职从事…工作 (staff in words)', gives: '局办公室共有2名人员兼职从事政府信息公开工作。', want: { 'staff.parttime': 2 },
    nearMiss: '局里聘请了2名兼职法律顾问。', notKeys: ['staff.parttime'] },
  { name: 'a running total is not the year’s', gives: '2017年全年累计主动公开政府信息726条。', want: { 'proactive.total': 726 },
    nearMiss: '历年累计主动公开政府信息2964条。', notKeys: ['proactive.total'] },
  { name: 'a running total up to a date yields to the year’s', gives: '截止2010年12月31日，全乡累计主动公开政府信息65条。', want: { 'proactive.total': 65 },
    nearMiss: '截止2017年12月31日，我局在门户网站累计主动公开政府信息2964条。其中2017年度我局共主动公开政府信息726条。', notKeys: ['proactive.channel.website'] },
  { name: 'a frequency is not a count', gives: '全年召开政府信息公开工作会议4次。', want: { 'training.meetings': 4 },
    nearMiss: '领导小组每季度召开一次政府信息公开工作会议。', notKeys: ['training.meetings'] },
  { name: 'zero: no review at all', gives: '2017年未发生因政府信息公开申请行政复议的案件。', want: { 'review.total': 0 },
    nearMiss: '2017年没有发生因政府信息公开被行政复议纠错的情况。', notKeys: ['review.total'] },
  { name: 'zero: 不存在…的情况', gives: '也不存在因政府信息公开而被申请行政复议、行政诉讼的情况。', want: { 'review.total': 0, 'litigation.total': 0 },
    nearMiss: '不存在因政府信息公开被行政诉讼判决败诉的情况。', notKeys: ['litigation.total'] },
  { name: 'zero: fees', gives: '2015年度未向公民、法人或其他组织收取任何费用。', want: { 'fees.amount_wan_yuan': 0 },
    nearMiss: '2015年度不存在违规收费的情况。', notKeys: ['fees.amount_wan_yuan'] },
];

describe('issue 14 phrasings: each gives its figure, its near miss does not', () => {
  for (const c of CASES) {
    it(`${c.name}: gives`, () => {
      expect(values(run(c.gives, { regime: c.regime }))).toMatchObject(c.want);
    });
    it(`${c.name}: near miss`, () => {
      const got = values(run(c.nearMiss, { regime: c.regime }));
      for (const k of c.notKeys) expect(got, k).not.toHaveProperty([k]);
    });
  }
});

describe('channel counts are kept apart from the total', () => {
  it('a portal’s count is not the agency’s total when other channels carried items too', () => {
    const r = values(run('在门户网站公开政府信息120条，通过政务微博发布信息300条，通过微信公众号发布信息80条，开通政务微博3个。'));
    expect(r).toEqual({ 'proactive.channel.website': 120, 'proactive.channel.weibo': 300, 'proactive.channel.wechat': 80 });
  });
  it('the website statement whose 其中 lists the other channels stays the total', () => {
    const r = values(run('全年在门户网站公开发布各类信息2612条，其中：在政务微信公开发布102条，在政务微博公开发布650条。'));
    expect(r).toMatchObject({ 'proactive.total': 2612, 'proactive.channel.wechat': 102, 'proactive.channel.weibo': 650 });
  });
});

describe('more wording from report openings across the country', () => {
  it.each<[string, Record<string, number | string>]>([
    ['2018年度政府信息主动公开总数为100条。', { 'proactive.total': 100 }],
    ['全年共在门户网站发布政府信息（文件）575份，其中主动公开317份。', { 'proactive.total': 317, 'proactive.channel.website': 575 }],
    ['全局全年主动公开政府信息959条。其中，省统计局外网公开政府信息631条。', { 'proactive.total': 959, 'proactive.channel.website': 631 }],
    ['“交通运输厅”微信公众号推送信息947条。', { 'proactive.channel.wechat': 947 }],
    ['2023年我镇政府信息公开平台发布各类信息716条。', { 'proactive.total': 716 }],
    ['全省行政机关通过政府公报、政府网站等载体主动公开信息62.73万条。', { 'proactive.total': 627300 }],
    ['全年在网站和微信平台公布信息202条，其中网站公布194条，微信公众号公布4条。', { 'proactive.total': 202, 'proactive.channel.website': 194, 'proactive.channel.wechat': 4 }],
    // a 专栏 after the count is where the items went, not what they are
    ['2020年，共主动公开政府信息1028条，全部在政务公开网“政府信息公开专栏”及时发布。', { 'proactive.total': 1028 }],
  ])('%s', (text, want) => {
    expect(values(run(text))).toEqual(want);
  });

  it.each([
    '我区开设了“重点领域信息公开专栏”，下设12个子栏目，共计公开各类信息280余条。',
    '在天津政务网发布市政府新闻发布会信息106条。',
    '其中政务公开平台发布信息398条。',
    '全年通过微博推送招聘信息30条。',
    '通过“平潭发布”公众号发布信息672条。',
    '通过微信、微博等政务新媒体发布各类政府信息372条。',
  ])('no total in %s', (text) => {
    expect(values(run(text))).not.toHaveProperty(['proactive.total']);
  });
});

describe('organisation, staff and outcomes in words', () => {
  it.each<[string, Record<string, number | string>, Regime?]>([
    ['配备专职人员2名、兼职人员5名。', { 'staff.fulltime': 2, 'staff.parttime': 5 }],
    ['我局明确1名工作人员负责政府信息公开工作。', { 'staff.total': 1 }],
    ['本乡高度重视政府信息公开工作，由1人专门负责此项工作。', { 'staff.total': 1 }],
    ['成立了政务公开办公室，配备工作人员3名。', { 'staff.total': 3 }],
    ['全年主动公开政府信息1200条，其中通过政府网站公开1150条，占95.8%。', { 'proactive.total': 1200, 'proactive.channel.website': 1150 }],
    ['本年度共办结37件，其中予以公开20件，部分公开5件，不予公开3件，无法提供7件，不予处理2件。',
      { 'requests.outcome.granted': 20, 'requests.outcome.partial': 5, 'requests.outcome.refused.total': 3, 'requests.outcome.unable.total': 7, 'requests.outcome.not_processed.total': 2 }, 'C'],
  ])('%s', (text, want, regime) => {
    expect(values(run(text, { regime }))).toMatchObject(want);
  });

  it.each<[string, string]>([
    ['由1人专门负责档案管理工作。', 'staff.total'],
    ['聘请2名兼职法律顾问。', 'staff.parttime'],
    ['政府网站公开1150条，占95.8%。', 'proactive.total'],
    ['本年度接待群众来访，予以答复20件。', 'requests.outcome.granted'],
  ])('near miss: %s', (text, key) => {
    expect(values(run(text))).not.toHaveProperty([key]);
  });
});
