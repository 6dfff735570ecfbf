import { describe, expect, it } from 'vitest';
import { runStep } from '../../test/fixtures.build.ts';
import { normalizeSpaces } from './spaces.normalize.ts';

describe('step 4: spaces', () => {
  it.each([
    ['湛河区 2017 年政府信息公开', '湛河区2017年政府信息公开'],
    ['总数为 3452 条。', '总数为3452条。'],
    ['建立健全 了以常务副区长', '建立健全了以常务副区长'],
    ['扎实推进 “放管服”改革', '扎实推进“放管服”改革'],
    ['邮 编 ： 223100 ， 电 话 ：', '邮编：223100，电话：'],
    ['主动公开信息数 条 425 1516', '主动公开信息数条425 1516'],
    ['the OA  system', 'the OA system'],
    ['  行首空格', '行首空格'],
    ['规章\t 1 \t0', '规章\t1\t0'],
  ])('%j → %j', (input, expected) => {
    expect(runStep(normalizeSpaces, input)).toBe(expected);
  });
});
