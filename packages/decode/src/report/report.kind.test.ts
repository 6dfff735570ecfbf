import { describe, expect, it } from 'vitest';
import { notAReportReason, titleOf } from './report.kind.ts';

describe('notAReportReason: documents of another kind', () => {
  it.each([
    ['another kind of report', '平潭综合实验区2020年法治政府建设年度报告\n2020年，我区全面推进依法行政，全年主动公开政府信息3200条。', /another kind/],
    ['a budget statement', '某局2021年部门预算公开说明\n一、部门基本情况\n二、收支预算情况', /another kind/],
    ['a plan for disclosure work', '某区2018年政务公开工作要点\n一、推进重点领域信息公开。', /工作要点/],
    ['a list of reports', '政府信息公开年报\n某区2019年度政府信息公开工作年度报告\n某区2018年度政府信息公开工作年度报告\n某区2017年度政府信息公开工作年度报告', /lists reports/],
    ['notes about report files', '# 说明\n| 文件 | 说明 |\n|---|---|\n| a.page.txt | 2015年度政府信息公开工作年度报告 |\n| b.page.txt | 2016年度政府信息公开工作年度报告 |', /describes other reports/],
    ['Markdown notes with headings about reports of several years', '# 年报笔记\n## 2015年度政府信息公开工作年度报告\n受理申请17件。\n## 2016年度政府信息公开工作年度报告\n收费96171.6万元（疑为误读）。', /describes other reports/],
    ['a news item', '我区召开政务公开工作推进会\n本报讯（记者 林晓）会议通报了全年主动公开政府信息3000余条。', /news item/],
  ])('%s', (_, text, why) => {
    expect(notAReportReason(text)).toMatch(why);
  });
});

describe('notAReportReason: reports, however cut or introduced, are reports', () => {
  it.each([
    ['a whole preface', '某局2016年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》，现公布本年度报告。本报告由概述、主动公开政府信息情况等六部分组成。'],
    ['a title alone', '标题: 平潭综合实验区公安局2020年政府信息公开工作年度报告\n平潭综合实验区公安局2020年政府信息公开工作年度报告'],
    ['a cover letter before the report', '关于报送《某局2015年政府信息公开年度报告》的函\n区办公室：现将《某局2015年政府信息公开年度报告》报送贵处。'],
    ['a notice publishing the report', '某市人民政府办公室关于公布\n某市2009年度政府信息公开工作年度报告的通知\n我办编制了《某市2009年度政府信息公开工作年度报告》，现予公布。'],
    ['a report converted to Markdown', '# 某局2016年政府信息公开工作年度报告\n本报告由概述等六部分组成，2015年度政府信息公开工作年度报告已公开。\n## 一、概述\n## 二、主动公开政府信息情况\n| 指标 | 数量 |\n|---|---|\n| 主动公开 | 12 |'],
    ['a work summary titled as such', '平潭县卫生局2013年度政府信息公开情况总结\n2013年我局认真开展政府信息公开工作。'],
    ['a report that mentions the previous reports', '某区2017年政府信息公开工作年度报告\n本报告由六部分组成。2016年度政府信息公开工作年度报告和2015年度政府信息公开工作年度报告均已公开，附件见统计表.xls。'],
  ])('%s', (_, text) => {
    expect(notAReportReason(text)).toBeNull();
  });

  it('reads the title from the crawler header, else the first line', () => {
    expect(titleOf('标题: 甲\n乙')).toBe('甲');
    expect(titleOf('\n# 乙\n丙')).toBe('乙');
  });
});
