/** The section tree on synthetic text written for these cases. */
import { describe, expect, it } from 'vitest';
import { detectHeadings } from './headings.detect.ts';
import { buildSections } from './sections.build.ts';

function tree(text: string, excluded: Array<[number, number]> = []) {
  return buildSections(text, detectHeadings(text, 0, text.length, excluded), 0, text.length);
}

describe('section tree', () => {
  it('builds levels 一、 → （一） → 1. → （1） from lines', () => {
    const text = [
      '一、概述', '本年度工作如下。', '（一）组织领导', '一是加强领导，二是完善制度。', '（二）制度建设', '1.制定办法', '（1）细则一', '（2）细则二', '2.完善流程',
      '二、主动公开政府信息情况', '全年公开信息100条。', '三、存在的主要问题及改进措施', '一、二、三级联动仍需加强。',
    ].join('\n');
    const s = tree(text);
    expect(s.map((x) => [x.number, x.title, x.level])).toEqual([['一', '概述', 1], ['二', '主动公开政府信息情况', 1], ['三', '存在的主要问题及改进措施', 1]]);
    const first = s[0]!;
    expect(first.children.map((c) => c.title)).toEqual(['组织领导', '制度建设']);
    expect(first.children[1]!.children.map((c) => [c.number, c.title])).toEqual([['1', '制定办法'], ['2', '完善流程']]);
    expect(first.children[1]!.children[0]!.children.map((c) => c.title)).toEqual(['细则一', '细则二']);
    expect(text.slice(s[1]!.start, s[1]!.end)).toBe('二、主动公开政府信息情况\n全年公开信息100条。');
  });

  it('finds headings inside one long line (a flattened web page)', () => {
    const text = '本报告根据《条例》编制。 一、总体情况 2022年，我区持续推进公开。 （一）主动公开方面 全年公开信息1000条。 （二）依申请公开方面 收到申请75件。 二、主动公开政府信息情况 略。 三、其他需要报告的事项 无。';
    const s = tree(text);
    expect(s.map((x) => [x.number, x.title])).toEqual([['一', '总体情况'], ['二', '主动公开政府信息情况'], ['三', '其他需要报告的事项']]);
    expect(s[0]!.children.map((c) => c.title)).toEqual(['主动公开方面', '依申请公开方面']);
  });

  it('cuts a known title glued to its text and ignores table row labels', () => {
    const text = '联系电话：0591-23165370。一、总体情况2020年，我区公布政府信息2602条。二、主动公开政府信息情况略。三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量200 000121二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开6000017四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况000000000000000 五、存在的主要问题及改进情况略。';
    const table = text.indexOf('一、本年新收');
    const s = tree(text, [[table, text.indexOf(' 四、政府')]]);
    expect(s.map((x) => [x.number, x.title])).toEqual([
      ['一', '总体情况'], ['二', '主动公开政府信息情况'], ['三', '收到和处理政府信息公开申请情况'], ['四', '政府信息公开行政复议、行政诉讼情况'], ['五', '存在的主要问题及改进情况'],
    ]);
  });

  it('does not take a repeated number or a numeral list for a heading', () => {
    const text = '一、基本情况\n内容。\n二、信息公开情况\n按照一、二、三类分别公开。\n二、重复的标题\n三、存在不足和下一步改进措施\n内容。';
    expect(tree(text).map((x) => x.number)).toEqual(['一', '二', '三']);
  });

  it('reads the variants （一）、 / (一) / 一. / 1、', () => {
    const text = '一.概述\n（一）、组织领导\n1、成立小组\n2、明确分工\n(二) 制度建设\n二．主动公开情况\n内容。';
    const s = tree(text);
    expect(s.map((x) => x.title)).toEqual(['概述', '主动公开情况']);
    expect(s[0]!.children.map((c) => c.title)).toEqual(['组织领导', '制度建设']);
    expect(s[0]!.children[0]!.children.map((c) => c.title)).toEqual(['成立小组', '明确分工']);
  });

  it('keeps a title ending in 。 when it is the whole line', () => {
    const text = '一、加强组织领导,完善工作机制\n内容。\n二、全面加强督促检查,切实推进政务公开。\n内容。';
    expect(tree(text).map((x) => x.title)).toEqual(['加强组织领导,完善工作机制', '全面加强督促检查,切实推进政务公开。']);
  });
});
