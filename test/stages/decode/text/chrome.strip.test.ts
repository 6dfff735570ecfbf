import { readShared, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { stripChrome } from '../../../../packages/decode/src/text/chrome.strip.ts';
import { untracked } from '../../../../packages/decode/src/text/tracked-text.ts';

const strip = (text: string) => stripChrome(untracked(text));

describe('page chrome and metadata', () => {
  it('moves the 发布日期/文章来源 line into metadata and takes the title above it', () => {
    const r = strip('当前位置: 首页 > 政务公开 > 政府信息公开年报\n\n某厅2017年政府信息公开工作年度报告\n\n发布日期:2018-02-28 13:20   文章来源:某厅\n\n省人民政府办公厅:\n正文。');
    expect(r.text.text.split('\n').filter(Boolean)).toEqual(['某厅2017年政府信息公开工作年度报告', '省人民政府办公厅:', '正文。']);
    expect(r.meta).toEqual({ publishedAt: '2018-02-28T13:20', source: '某厅', title: '某厅2017年政府信息公开工作年度报告' });
  });

  it.each([
    ['附件:[点击下载]'],
    ['附件下载'],
    ['责任编辑:王靖'],
    ['- 4 -'],
    ['-1-'],
    ['第 2 页 共 5 页'],
    ['微信 微博 QQ空间 全真版 文字版'],
    ['【打印本页】【关闭窗口】'],
    ['版权所有：某某人民政府'],
    ['闽ICP备12345678号'],
  ])('drops %s', (line) => {
    expect(strip(`第一段。\n${line}\n第二段。`).text.text).toBe('第一段。\n第二段。');
  });

  it.each([['附件:政府信息公开情况统计表'], ['主办了培训班3期。'], ['联系电话：0311-82911059。'], ['2018年1月15日']])('keeps %s', (line) => {
    expect(strip(`第一段。\n${line}\n第二段。`).text.text).toBe(`第一段。\n${line}\n第二段。`);
  });

  it('removes Word conditional-comment markup inside a line', () => {
    expect(strip('<!--[if !supportLists]-->1、<!--[endif]-->加强组织领导').text.text).toBe('1、加强组织领导');
  });

  it.skipIf(!sharedAvailable)(`reads the pingtan crawler header and the breadcrumb block ${SHARED_SKIP_REASON}`, () => {
    const rel = 'corpus/real/pingtan-gov-zwgk-archive/80506_平潭综合实验区2017年度政府信息公开工作年度报告.page.txt';
    const r = strip(new TextDecoder().decode(readShared(rel)));
    expect(r.meta).toEqual({
      title: '平潭综合实验区2017年度政府信息公开工作年度报告',
      publishedAt: '2018-01-23T08:51',
      url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/201801/t20180123_80506.htm',
      source: '平潭县人民政府',
    });
    expect(r.text.text).not.toMatch(/标题:|原文链接|={5}|当前位置|QQ空间|相关链接|附件下载/);
    expect(r.text.text.trimStart()).toMatch(/^平潭综合实验区2017年度政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》/);
  });
});
