import { describe, expect, it } from 'vitest';
import { findNumbers, isCount, parseChineseNumeral } from './numbers.parse.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['三', 3], ['十', 10], ['十二', 12], ['二十', 20], ['两', 2], ['一百零五', 105], ['三百', 300],
    ['二〇一七', 2017], ['二○一二', 2012], ['两万', 20000], ['一千二百三十四', 1234], ['零', 0],
  ])('%s = %i', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });
  it('rejects what is not a numeral', () => {
    expect(parseChineseNumeral('三期')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
  });
});

/** The single count in a phrase, as [value, unit, approx]. */
function count(text: string) {
  const counts = findNumbers(text).filter(isCount);
  return counts.map((t) => [t.value, t.unit, t.approx] as const);
}

describe('findNumbers: counts with their measure word', () => {
  it.each([
    ['全年我办共受理信息公开申请41件', [[41, '件', false]]],
    ['我区采用以会代训的方式培训三期', [[3, '期', false]]],
    ['一年来共公开信息7220余条', [[7220, '条', true]]],
    ['人数达200余人', [[200, '人', true]]],
    ['订阅用户数约 1500 人', [[1500, '人', true]]],
    ['共计 80 余人参加了培训', [[80, '人', true]]],
    ['发布招聘信息20多条', [[20, '条', true]]],
    ['接受培训300人次', [[300, '人次', false]]],
    ['收取费用1.5万元', [[1.5, '万元', false]]],
    ['公开信息１２条', [[12, '条', false]]],
    ['共公开信息1,234条', [[1234, '条', false]]],
    ['共汇总基层项目107项,其中取消14,项,保留93项', [[107, '项', false], [14, '项', false], [93, '项', false]]],
    ['举办培训两次', [[2, '次', false]]],
    ['主动公开政府信息30余万条', [[300000, '条', true]]],
    ['主动公开政府信息3.5万条', [[35000, '条', false]]],
    ['公开信息3万余条', [[30000, '条', true]]],
    ['收取费用3万元', [[3, '万元', false]]],
    ['收取费用2万余元', [[20000, '元', true]]],
  ])('%s', (text, want) => {
    expect(count(text)).toEqual(want);
  });

  it.each([
    ['办结率98.69%'],
    ['（国办发〔2017〕24号）'],
    ['2017年，我区'],
    ['统计期限自2017年1月1日起至12月31日止'],
    ['联系电话：0311-82911059'],
    ['邮编：467000；电话：8981169'],
    ['一是进一步强化组织领导，一年来'],
    ['第3期简报'],
    ['专项经费万元'],
    ['数量为5，个别单位'],
  ])('no count in %s', (text) => {
    expect(count(text)).toEqual([]);
  });

  it('marks a share that follows (…303条，占71.3%)', () => {
    const [t] = findNumbers('各单位主动公开政府信息303条，占71.3%。').filter(isCount);
    expect(t?.share).toBe(true);
    expect(t?.sharePct).toBe(71.3);
  });

  it('keeps offsets into the text', () => {
    const text = '我厅收到信息公开申请31件。';
    const [t] = findNumbers(text).filter(isCount);
    expect(text.slice(t?.numStart, t?.numEnd)).toBe('31');
    expect(text.slice(t?.start, t?.end)).toBe('31件');
  });
});
