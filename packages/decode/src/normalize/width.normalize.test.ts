import { describe, expect, it } from 'vitest';
import { runStep } from '../../test/fixtures.build.ts';
import { foldWidth } from './width.normalize.ts';

describe('step 3: full-width digits and letters', () => {
  it.each([
    ['主动公开３４５２条', '主动公开3452条'],
    ['ｐｚｘｘｇｋｂ＠１６３．ｃｏｍ', 'pzxxgkb@163.com'],
    ['办结率９８．６９％', '办结率98.69%'],
    ['（一）主动公开：规章；文件，', '（一）主动公开：规章；文件，'],
    ['平政办明电〔２０１８〕３５号', '平政办明电〔2018〕35号'],
    ['⼀、总体情况', '一、总体情况'],
    ['句号。不变．', '句号。不变．'],
  ])('%s → %s', (input, expected) => {
    expect(runStep(foldWidth, input)).toBe(expected);
  });
});
