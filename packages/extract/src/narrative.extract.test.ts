import { NARRATIVE_RULES } from './narrative.rules.ts';
import { isMetricKey } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import type { Section } from '@gongkai/core';
import { extract } from './extract.stage.ts';
import { decodeOf, run, segmentOf, treeOf, values } from '../test/synthetic.fixture.ts';

describe('narrative metrics: the keyword before the number, in the same clause', () => {
  it.each<[string, Record<string, number | string>]>([
    ['全年我办共受理信息公开申请41件，其中网上申请21件，邮寄申请20件。', { 'requests.received.total': 41, 'requests.received.online': 21, 'requests.received.letter': 20 }],
    ['我厅收到信息公开(信函)申请31件，其中：网络申请23件，信函申请8件。', { 'requests.received.total': 31, 'requests.received.online': 23, 'requests.received.letter': 8 }],
    ['2012年全县共收到有关政府信息公开的申请21条，其中当面申请数18条，电子邮件申请数3条。', { 'requests.received.total': 21, 'requests.received.in_person': 18, 'requests.received.email': 3 }],
    ['全年主动公开本部门政务信息94条。', { 'proactive.total': 94 }],
    ['2017年全区政府信息公开总数为3452条。', { 'proactive.total': 3452 }],
    ['全年我区政府信息公开单位共公布政府信息2602条。', { 'proactive.total': 2602 }],
    ['一年来共公开信息7220余条。', { 'proactive.total': '~7220' }],
    ['主动公开规范性文件11件。', { 'proactive.normative_docs': 11 }],
    ['在政务微博(河南交通)公开发布650条，在政务微信公开发布102条。', { 'proactive.channel.weibo': 650, 'proactive.channel.wechat': 102 }],
    ['全年我办网站发布在线访谈2次。', { 'response.online_interviews': 2 }],
    ['我办从事政府信息公开工作人员5人，其中专职人员2人，兼职人员3人。', { 'staff.total': 5, 'staff.fulltime': 2, 'staff.parttime': 3 }],
    ['我区采用以会代训的方式培训三期，人数达200余人。', { 'training.sessions': 3, 'training.trainees': '~200' }],
    ['全年收取政府信息公开信息处理费3940元。', { 'fees.amount_wan_yuan': 0.394 }],
    ['收到行政复议案件5件，其中维持具体行政行为2件，依法纠错2件，驳回1件。', { 'review.total': 5, 'review.upheld': 2, 'review.corrected': 2, 'review.other': 1 }],
    ['全年主动公开政府信息1200条，其中通过政府网站公开1000条，政府公报公开50条。', { 'proactive.total': 1200, 'proactive.channel.website': 1000, 'proactive.channel.gazette': 50 }],
    ['举办新闻发布会5场，其中主要负责同志参加3场。', { 'response.press_conferences': 5, 'response.press_conferences.by_heads': 3 }],
    ['开展在线访谈6期，其中主要负责同志参加在线访谈2期。', { 'response.online_interviews': 6, 'response.online_interviews.by_heads': 2 }],
    ['全年受理依申请公开政府信息12件，其中同意公开10件，不属于本行政机关公开的2件。', { 'requests.received.total': 12, 'requests.outcome.granted': 10, 'requests.outcome.not_this_agency': 2 }],
    ['申请办结数15件，其中按时办结14件，延期办结1件。', { 'requests.closed.total': 15, 'requests.closed.on_time': 14, 'requests.closed.extended': 1 }],
    ['全年共召开政府信息公开工作会议3次，举办培训班2期，培训人员150人次。', { 'training.meetings': 3, 'training.sessions': 2, 'training.trainees': 150 }],
    ['政府信息公开专项经费5万元，设置政府信息公开查阅点12个。', { 'budget.special_funds_wan_yuan': 5, 'org.reading_points': 12 }],
    ['收取检索、复制、邮寄等费用0元。', { 'fees.amount_wan_yuan': 0 }],
    ['收到行政诉讼案件2件，其中维持具体行政行为0件，依法纠错0件，其它情形2件。', { 'litigation.total': 2, 'litigation.upheld': 0, 'litigation.corrected': 0, 'litigation.other': 2 }],
  ])('%s', (text, want) => {
    expect(values(run(text))).toMatchObject(want);
  });
});

describe('the national 统计表 labels, written out as prose', () => {
  it.each<[string, Record<string, number | string>]>([
    ['主动公开政府信息数3520条，其中主动公开规范性文件数18条，制发规范性文件总数18件，通过政府公报公开政府信息12条，政务微博公开政府信息800条，其他方式公开政府信息200条。',
      { 'proactive.total': 3520, 'proactive.normative_docs': 18, 'proactive.normative_docs_issued': 18, 'proactive.channel.gazette': 12, 'proactive.channel.weibo': 800, 'proactive.channel.other': 200 }],
    ['收到申请数25件，其中当面申请数5件、传真申请数0件、网络申请数18件、信函申请数2件。',
      { 'requests.received.total': 25, 'requests.received.in_person': 5, 'requests.received.fax': 0, 'requests.received.online': 18, 'requests.received.letter': 2 }],
    ['申请答复数25件，其中属于已主动公开范围数3件，同意公开答复数15件，同意部分公开答复数2件，不同意公开答复数1件，不属于本行政机关公开数2件，申请信息不存在数2件。',
      { 'requests.outcome.total': 25, 'requests.outcome.already_public': 3, 'requests.outcome.granted': 15, 'requests.outcome.partial': 2, 'requests.outcome.refused.total': 1, 'requests.outcome.not_this_agency': 2, 'requests.outcome.not_exist': 2 }],
    ['召开政府信息公开工作会议或专题会议数2次，举办各类培训班数3次，接受培训人员数260人次。', { 'training.meetings': 2, 'training.sessions': 3, 'training.trainees': 260 }],
    ['回应公众关注热点或重大舆情数5次，参加或举办新闻发布会总次数4次，政府网站在线访谈次数2次，政策解读稿件发布数10篇，微博微信回应事件数6次。',
      { 'response.hotspots': 5, 'response.press_conferences': 4, 'response.online_interviews': 2, 'response.interpretations': 10, 'response.weibo_wechat': 6 }],
    ['政府信息公开工作专门机构数1个，设置政府信息公开查阅点数3个，从事政府信息公开工作人员数12人，其中专职人员数2人，兼职人员数10人。',
      { 'org.dedicated_units': 1, 'org.reading_points': 3, 'staff.total': 12, 'staff.fulltime': 2, 'staff.parttime': 10 }],
  ])('%s', (text, want) => {
    expect(values(run(text))).toEqual(want);
  });
});

describe('number before the noun', () => {
  it.each<[string, Record<string, number | string>]>([
    ['全县形成了2名专职人员及158名兼职人员的政府信息公开工作队伍。', { 'staff.fulltime': 2, 'staff.parttime': 158 }],
    ['全区各有关部门共计80余人参加了培训。', { 'training.trainees': '~80' }],
    ['2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。', { 'requests.received.total': 0, 'review.total': 1 }],
  ])('%s', (text, want) => {
    expect(values(run(text))).toMatchObject(want);
  });
  it('infers the staff total from its two parts only when no total is stated', () => {
    const r = run('全县形成了2名专职人员及158名兼职人员的政府信息公开工作队伍。');
    expect(r.metrics.find((m) => m.key === 'staff.total')).toMatchObject({ value: 160, source: 'derived' });
    expect(r.mentions.some((m) => m.key === 'staff.total')).toBe(false);
  });
});

describe('distractors never become metrics', () => {
  it.each([
    '目前我办已有95237名微博用户予以关注。',
    '卫滨区共保留行政职权1584项。其中，行政许可53项、行政处罚1158项、行政强制70项。',
    '联系电话：0311-82911059，邮编：467000。',
    '根据《通知》（国办发〔2017〕24号）要求，办结率98.69%。',
    '2017年，我厅共受理网民留言613件，办结605件。',
    '建立窗口服务大厅，开设窗口24个，共受理申请136437件。',
    '共编发信息840余条，订阅用户数约1500人。',
    '我区开设了“重点领域信息公开专栏”，下设12个子栏目，共计公开各类信息280余条。',
    '2015年，我区累计在平潭政府采购信息网上主动公开政府采购项目信息188条，网上竞价453条。',
    '在门户网站、人事人才公共服务网微信号发布招聘信息20多条。',
    '2016年政府信息公开专栏访问量达162103人次。',
    '在互联网上，2012年县政府公开办主动公开信息数为1795条，其他主动公开信息量较大部门是县供电公司。',
    '各乡镇主动公开政府信息122条，占28.7%。',
    '开设“在线访谈”栏目，定期组织一名乡镇人民政府或区直单位的负责人参加在线访谈。',
    '公开政府常务会议7期。',
    '2017 年度办理市长热线回复 1400 件，办结市长信箱、网民留言等 153 件。',
    '2011年，在平潭综合实验区管委会网站主动公开的425条政府信息中，机构职能、主要职能、办事程序信息148条，占34.8%。',
  ])('%s', (text) => {
    expect(run(text).metrics).toEqual([]);
  });

  it('does not read a category aggregate (…等情况8件) as one of its categories', () => {
    const r = run('2017年受理依申请公开9件，其中同意公开答复1件，因涉及个人隐私、不属于本行政机关公开和申请信息不存在等情况8件。');
    expect(values(r)).toEqual({ 'requests.received.total': 9, 'requests.outcome.granted': 1 });
  });
});

describe('wording that joins or narrows', () => {
  it('one count for two categories joined by 及 is neither', () => {
    const r = run('2023年受理政府信息公开申请81件，其中予以公开及部分公开42件，不予公开5件。');
    expect(values(r)).toEqual({ 'requests.received.total': 81, 'requests.outcome.refused.total': 5 });
  });

  it('a loose 公开信息…条 yields to a firm statement of the total', () => {
    const r = run('2023年全区共主动公开政府信息13561条。四是强化基层政务公开，持续做好重点民生领域的信息公开，公开信息1654条。');
    expect(r.mentions.filter((m) => m.key === 'proactive.total').map((m) => m.value)).toEqual([13561]);
    expect(values(run('一年来共公开信息7220余条。'))).toEqual({ 'proactive.total': '~7220' });
  });

  it('what disclosure cost the agency is no fee', () => {
    expect(values(run('2013年用于设立和更新公开栏等产生的政府信息公开费用1万元。'))).toEqual({});
  });
});

describe('context', () => {
  it('a bare count in the requests section means requests received', () => {
    const text = '一、概述\n今年共受理申请9件。\n二、依申请公开政府信息情况\n今年共受理23件，均按期答复。';
    const r = run(text, { headings: [['一、概述', 'overview'], ['二、依申请公开政府信息情况', 'requests']] });
    expect(values(r)).toEqual({ 'requests.received.total': 23 });
    expect(r.metrics[0]?.evidence.section).toBe('二');
  });

  it('finds inline headings itself when segment gives no sections (web pages on one line)', () => {
    const text = '一、概述 今年共受理申请9件。 二、主动公开政府信息情况 今年主动公开政府信息近1000条。 三、政府信息依申请公开工作情况 2017年共受理23件。';
    const r = run(text);
    expect(values(r)).toEqual({ 'proactive.total': '~1000', 'requests.received.total': 23 });
    expect(r.metrics.map((m) => m.evidence.section)).toEqual(['二', '三']);
  });

  it('the website statement is the total only when no other total is stated', () => {
    expect(values(run('在门户网站公开发布各类信息2612条。'))).toEqual({ 'proactive.total': 2612 });
    expect(values(run('我县政府网站共公开各类信息3651条。一年来共公开信息7220余条。'))).toEqual({ 'proactive.channel.website': 3651, 'proactive.total': '~7220' });
  });

  it('drops keys of another regime (litigation outcomes are 2008-era keys; 表四 holds them later)', () => {
    const text = '政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。';
    expect(values(run(text, { regime: 'C' }))).toEqual({ 'litigation.total': 46 });
    expect(values(run(text, { regime: 'A' }))).toMatchObject({ 'litigation.upheld': 25 });
  });
});

describe('evidence', () => {
  it('quotes the clause that holds the number, at its offsets', () => {
    const text = '一、概述\n全年我办共受理信息公开申请41件，其中网上申请21件，邮寄申请20件。';
    const r = run(text);
    for (const m of r.metrics) {
      expect(text.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.quote);
      expect(m.evidence.quote).toContain(String(m.value));
    }
    expect(r.metrics.find((m) => m.key === 'requests.received.online')?.evidence.quote).toBe('其中网上申请21件');
  });

  it('keeps every statement of a metric as a mention', () => {
    const r = run('2017年全区政府信息公开总数为3452条。区政府主动公开各类政府信息共计3452条。');
    expect(r.mentions.filter((m) => m.key === 'proactive.total').map((m) => m.value)).toEqual([3452, 3452]);
    expect(r.metrics.filter((m) => m.key === 'proactive.total')).toHaveLength(1);
  });
});

it('is deterministic', () => {
  const text = '全年我办共受理信息公开申请41件，其中网上申请21件，邮寄申请20件。全年未发生行政复议、行政诉讼案件。';
  expect(JSON.stringify(run(text))).toBe(JSON.stringify(run(text)));
});

it('every rule names a catalogue key', () => {
  for (const r of NARRATIVE_RULES) if (r.key) expect(isMetricKey(r.key), r.key).toBe(true);
});

describe('counts that belong to a narrower topic than their words suggest', () => {
  it('a loose 公开…信息 count in a 政策解读 sub-section is no proactive total (nor an interpretation count)', () => {
    const text = [
      '一、概述',
      '二、主动公开政府信息情况',
      '（一）主动公开政府信息的数量',
      '今年全区主动公开了大量政府信息。',
      '（二）开展政策解读工作情况按照要求，在门户网站专门设立了“政策解读”公开栏目，用于公开法律法规、规范性文件和政策解读等信息。2017年，共公开发布信息82条。',
      '（三）回应社会关切情况积极做好回应工作。',
    ].join('\n');
    const tree = [['二、主动公开政府信息情况', 'proactive', 1], ['（一）主动公开政府信息的数量', 'proactive', 2], ['（二）开展政策解读工作情况', 'response', 2], ['（三）回应社会关切情况', 'response', 2]] as const;
    expect(values(run(text, { tree }))).toEqual({});
    // the same without segment's sections: the fallback heading scan sees （四） as a 解读 sub-section
    expect(values(run(text))).toEqual({});
    // and the same sentence under the proactive sub-section is the total
    expect(values(run('二、主动公开政府信息情况\n（一）主动公开政府信息的数量\n2017年，共公开发布信息82条。', { tree: tree.slice(0, 2) }))).toEqual({ 'proactive.total': 82 });
  });

  it('a loose count inside one item of an enumerated paragraph (四是…) is that item’s, even with no total stated', () => {
    const text = '（一）主动公开方面持续推进基础信息公开。一是做好规范性文件公开。四是强化基层政务公开，持续做好稳岗就业、生态环境等重点民生领域的信息公开，公开信息1654条。五是探索开设特色内容。';
    expect(values(run(text))).toEqual({});
    expect(values(run('（一）主动公开方面持续推进基础信息公开，全年共公开信息1654条。'))).toEqual({ 'proactive.total': 1654 });
  });

  it('a loose count that is one part (其中涉及…公开信息9条) is not the total', () => {
    const r = run('今年以来，通过门户网站公开政府信息3636条，其中涉及财政预算决算、“三公”经费和行政经费公开信息9条；保障性住房信息7条。');
    expect(values(r)).toEqual({ 'proactive.total': 3636 });
    expect(r.mentions.some((m) => m.value === 9)).toBe(false);
  });

  it('a bare 收到…件 under a sub-section on another topic is not a request count, even when the parent section covers requests', () => {
    const text = [
      '一、总体情况',
      '（一）加强政策解读发布',
      '（二）做大做强问政平台。组织开展19期《问政平潭之有事你说》，上线部门22家，收到群众诉求348件，现场解决162件。',
      '（三）认真办理依申请公开',
      '全年共受理23件，均按期答复。',
    ].join('\n');
    const tree = [['一、总体情况', 'overview', 1], ['（一）加强政策解读发布', 'response', 2], ['（二）做大做强问政平台', 'platform', 2], ['（三）认真办理依申请公开', 'requests', 2]] as const;
    const sections = treeOf(text, tree);
    (sections[0] as Section).alsoKinds = ['requests', 'response', 'platform'];
    const r = extract({ decode: decodeOf(text), segment: segmentOf({ sections }) });
    expect(values(r)).toEqual({ 'requests.received.total': 23 });
    expect(r.mentions.some((m) => m.value === 348)).toBe(false);
  });

  it('a sub-section of no known topic speaks of its parent’s topic', () => {
    const text = '一、总体情况\n（二）认真办理依申请公开\n1.提高服务质量。全年共受理23件，均按期答复。';
    const tree = [['一、总体情况', 'overview', 1], ['（二）认真办理依申请公开', 'requests', 2], ['1.提高服务质量', 'other', 3]] as const;
    expect(values(run(text, { tree }))).toEqual({ 'requests.received.total': 23 });
  });

  it('citizen appeals are not requests, even in the requests section', () => {
    const text = '三、依申请公开情况\n今年共收到群众诉求15件，共受理申请3件。';
    expect(values(run(text, { headings: [['三、依申请公开情况', 'requests']] }))).toEqual({ 'requests.received.total': 3 });
  });
});

describe('wording added from the real corpus', () => {
  it.each<[string, Record<string, number | string>]>([
    ['通过文字、图片等形式制作政策解读21个，制作《淮安市人民政府公报》6期。', { 'response.interpretations': 21 }],
    ['全年主动公开我区各级单位政府信息2645条，主要通过政府网站进行公开。', { 'proactive.total': 2645 }],
  ])('%s', (text, want) => {
    expect(values(run(text))).toEqual(want);
  });

  it.each([
    '在门户网站开设政策解读专栏3个。',
    '围绕重点工作解读了5个领域的政策。',
  ])('个 counts no interpretations in %s', (text) => {
    expect(values(run(text))).toEqual({});
  });
});

describe('amounts in 元 for a 万元 metric', () => {
  it('converts the value and says 万元, so value and unit agree', () => {
    const text = '某市人民政府2024年政府信息公开工作年度报告\n六、其他需要报告的事项\n全年收取政府信息公开信息处理费3940元。';
    const fee = run(text, { headings: [['六、其他需要报告的事项', 'fees']] }).metrics.find((m) => m.key === 'fees.amount_wan_yuan');
    expect(fee).toMatchObject({ value: 0.394, unit: '万元' });
    expect(fee?.evidence.quote).toContain('3940元');
  });
});
