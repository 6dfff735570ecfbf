/** 表三 from an OCR'd grid: labels the engine misread still find their rows (one character off, or by position between labelled rows). */
import type { TableGrid } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { matchGrids } from './grid.tables.ts';
import { gridOf } from './grid.testing.ts';

const HEAD = '\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计';
const zero = (label: string) => `${label}\t0\t0\t0\t0\t0\t0\t0`;
const one = (label: string) => `${label}\t1\t0\t0\t0\t0\t0\t1`;
/** The 2021 form as a scan read it: 出版物 read as 这生人 (no key left), 逾期 read as 谊期 (one character off). */
const READ = [
  HEAD, one('一、本年新收政府信息公开申请数量'), zero('二、上年结转政府信息公开申请数量'), zero('（一）予以公开'), zero('（二）部分公开'),
  zero('1.属于国家秘密'), zero('2.其他法律行政法规禁止公开'), zero('3.危及“三安全一稳定”'), zero('4.保护第三方合法权益'), zero('5.属于三类内部事务信息'),
  zero('6.属于四类过程性信息'), zero('7.属于行政执法案卷'), zero('8.属于行政查询事项'), zero('1.本机关不掌握相关政府信息'), zero('2.没有现成信息需要另行制作'),
  zero('3.补正后申请内容仍不明确'), one('1.信访举报投诉类申请'), zero('2.重复申请'), zero('3.要求提供公开这生人'), zero('4.无正当理由大量反复申请'),
  zero('5.要求行政机关确认或重新出具已获取信息'), zero('（六）其他处理1.申请人无正当理由谊期不补正、行政机关不再处理其政府信息公开申请'),
  zero('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'), zero('3.其他'), one('（七）总计'), zero('四、结转下年度继续办理'),
].join('\n');

const t3Of = (source: TableGrid['source']) => matchGrids([gridOf(READ, source)], READ).find((t) => t.kind === 't3');
const row = (source: TableGrid['source'], id: string) => t3Of(source)?.cells.filter((c) => c.row === id).map((c) => c.value);

describe('表三 from an OCR\'d grid', () => {
  it('reads a row whose long label has one character misread, and places a row whose label means nothing between its labelled neighbours', () => {
    expect(row('ocr', 'other.no_amend_overdue')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row('ocr', 'not_processed.publication')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(t3Of('ocr')?.unparsed).toEqual([]);
  });

  it('leaves a text layer\'s labels as they are read: such a label is no row of 表三', () => {
    expect(row('pdf', 'not_processed.publication')).toEqual([]);
    expect(t3Of('pdf')?.unparsed.map((u) => u.reason)).toContain('row label "3.要求提供公开这生人" is no row of 表三');
  });
});
