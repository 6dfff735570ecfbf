import { describe, expect, it } from 'vitest';
import { untracked } from '../text/tracked-text.ts';
import { normalizeInvisible } from './invisible.normalize.ts';

describe('step 6: control and invisible characters', () => {
  it.each([
    ['第一行\r\n第二行\r第三行', '第一行\n第二行\n第三行'],
    ['公\u200b开\ufeff工作\u200d', '公开工作'],
    ['2017\u00a0年\u3000报告', '2017 年 报告'],
    ['控制\u0001字符\u007f', '控制字符'],
    ['分页\f下一页', '分页\n下一页'],
    ['制表\t符', '制表 符'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeInvisible(untracked(input)).text).toBe(expected);
  });

  it('keeps tabs of structured text', () => {
    expect(normalizeInvisible(untracked('规章\t1\t0'), { keepTabs: true }).text).toBe('规章\t1\t0');
  });
});
