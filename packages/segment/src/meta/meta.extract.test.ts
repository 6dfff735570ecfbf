/** Metadata on short texts written for these cases (phrasings taken from the seeds and the corpus). */
import type { DecodeResult } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { segment } from '../segment.stage.ts';
import { findDates } from '../text/dates.parse.ts';
import { detectAgency } from './agency.detect.ts';
import { extractContact } from './contact.extract.ts';
import { detectTitle } from './title.detect.ts';

function decoded(text: string, pageMeta: DecodeResult['pageMeta'] = {}): DecodeResult {
  return {
    decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
    text, pageMeta, offsetMap: [],
  };
}

describe('contact', () => {
  it.each([
    ['（地址：平顶山市光明路中段湛河区人民政府办公室；邮编：467000；电话：8981169；电子邮箱：dzzw500@163.com）', { address: '平顶山市光明路中段湛河区人民政府办公室', postcode: '467000', phone: '8981169', email: 'dzzw500@163.com' }],
    ['联系地址：北厝镇金井湾片区管委会大楼东附属楼7楼邮 编：350400电 话：0591-23162606传 真：0591-23162143电子邮箱：pzxxgkb＠163.com', { address: '北厝镇金井湾片区管委会大楼东附属楼7楼', postcode: '350400', phone: '0591-23162606', email: 'pzxxgkb@163.com' }],
    ['本报告的电子版可在 www.zhq.gov.cn 下载。联系电话:0311-82911059。', { website: 'www.zhq.gov.cn', phone: '0311-82911059' }],
  ])('%s', (text, want) => {
    expect(extractContact(text, 0, text.length).contact).toEqual(want);
  });
});

describe('dates', () => {
  it.each([
    ['2018年1月15日', '2018-01-15'], ['2018 年 2 月 27 日', '2018-02-27'], ['二○一二年二月二十日', '2012-02-20'], ['二〇一三年一月二十日', '2013-01-20'],
    ['2018-02-28 13:20', '2018-02-28T13:20'],
  ])('%s → %s', (s, iso) => expect(findDates(s).map((d) => d.iso)).toEqual([iso]));
});

describe('title', () => {
  it('joins a title split over two lines', () => {
    const text = '淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。';
    expect(detectTitle(text, 0, text.length)?.title).toBe('淮安市人民政府2024年政府信息公开工作年度报告');
  });
  it('takes the first words of a flattened page', () => {
    const text = '平潭综合实验区 2013年政府信息公开工作年度报告 平潭综合实验区管委会办公室 本报告主要根据《条例》编制。';
    expect(detectTitle(text, 0, text.length)?.title).toBe('平潭综合实验区2013年政府信息公开工作年度报告');
  });
  it('finds none when the report starts with its addressee', () => {
    const text = '省政府办公厅:\n2017年,省政府法制办认真贯彻执行《条例》。';
    expect(detectTitle(text, 0, text.length)).toBeNull();
  });
});

describe('agency', () => {
  it('expands the short name a report uses to the full name it gives once', () => {
    const text = '2017年,省政府法制办认真贯彻执行《条例》。现将我办工作报告如下。省政府法制办高度重视。我办按照《河南省人民政府法制办公室政府信息公开工作规则》开展工作。';
    expect(detectAgency(text, null, undefined)).toMatchObject({ agency: '河南省人民政府法制办公室', aliases: ['省政府法制办'], level: 'department' });
  });
  it('names a district government from 我区 and the place the text repeats', () => {
    const text = '我区从完善各项制度入手。卫滨区共保留行政职权1584项。卫滨区共清理规范15项。印发了《卫滨区人民政府关于取消部分行政许可的决定》。按照《新乡市人民政府办公室关于规范政府网站的通知》。';
    expect(detectAgency(text, null, undefined)).toMatchObject({ agency: '卫滨区人民政府', level: 'district', region: { county: '卫滨区', city: '新乡市', province: '河南省' } });
  });
  it('reads a bare place in a title as its government', () => {
    expect(detectAgency('平山县深入贯彻落实。', '平山县2017年政府信息公开年度报告', undefined)).toMatchObject({ agency: '平山县人民政府', aliases: ['平山县'], level: 'county' });
  });
});

describe('segment on a whole (synthetic) report', () => {
  const text = [
    '标题: 某县2019年政府信息公开工作年度报告', '发布时间: 2020-01-20 15:22', '文号: ', '栏目: 政府信息公开年报', '==================== 正文 ====================',
    '县人民政府办公室:',
    '本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。如有疑问请联系（邮编：350400，电话：0591-23165250）。',
    '一、总体情况', '我县持续推进公开。全年公开信息100条。', '二、主动公开政府信息情况', '第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量', '规章\t0\t0\t7',
    '三、存在的主要问题及改进情况', '一是公开不够深入；二是平台建设滞后。', '某县人民政府', '2020年1月10日', '附件：政府信息公开情况统计表',
  ].join('\n');
  const r = segment({ decode: decoded(text) });
  it('labels the crawler header, addressee, signature, date and attachment', () => {
    expect(r.spans.filter((s) => s.label !== 'contact').map((s) => [s.label, s.text.split('\n')[0]])).toEqual([
      ['chrome', '标题: 某县2019年政府信息公开工作年度报告'], ['addressee', '县人民政府办公室:'], ['signature', '某县人民政府'], ['date', '2020年1月10日'], ['attachment', '附件：政府信息公开情况统计表'],
    ]);
  });
  it('fills meta from the body and the page header', () => {
    expect(r.meta).toMatchObject({
      title: '某县2019年政府信息公开工作年度报告', year: 2019, period: ['2019-01-01', '2019-12-31'], publishedAt: '2020-01-10', addressee: '县人民政府办公室',
      contact: { postcode: '350400', phone: '0591-23165250' }, regime: 'B',
    });
  });
  it('ends the last section before the signature', () => {
    expect(r.sections.map((s) => s.title)).toEqual(['总体情况', '主动公开政府信息情况', '存在的主要问题及改进情况']);
    expect(text.slice(r.sections[2]!.start, r.sections[2]!.end)).toBe('三、存在的主要问题及改进情况\n一是公开不够深入；二是平台建设滞后。');
  });
  it('gives paragraphs and sentences inside the body, in order', () => {
    const body = text.indexOf('县人民政府办公室:');
    let last = body;
    for (const p of r.paragraphs) {
      expect(p.start).toBeGreaterThanOrEqual(last);
      last = p.end;
      for (const [s, e] of p.sentences) expect(s >= p.start && e <= p.end && e > s).toBe(true);
    }
    const overview = r.paragraphs.find((p) => text.slice(p.start, p.end).startsWith('我县'))!;
    expect(overview.sentences.map(([s, e]) => text.slice(s, e))).toEqual(['我县持续推进公开。', '全年公开信息100条。']);
  });
});
