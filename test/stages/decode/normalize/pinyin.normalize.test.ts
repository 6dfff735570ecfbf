import { readShared, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { untracked } from '../../../../packages/decode/src/text/tracked-text.ts';
import { removePinyin } from '../../../../packages/decode/src/normalize/pinyin.normalize.ts';

const cases: Array<[string, string, number]> = [
  ['平山縣2017年政府信息公開(kāi)年度報(bào)告', '平山縣2017年政府信息公開年度報告', 2],
  ['簡(jiǎn)稱(chēng)', '簡稱', 2],
  ['中華人民共和國(guó)', '中華人民共和國', 1],
  ['公開（kāi）工作', '公開工作', 1],
  ['得到了(le)發展', '得到了發展', 1],
  ['(一)完善平台建設', '(一)完善平台建設', 0],
  ['《條例》(以下簡稱《條例》)', '《條例》(以下簡稱《條例》)', 0],
  ['我廳OA辦公系統(OA)', '我廳OA辦公系統(OA)', 0],
  ['附件(PDF)', '附件(PDF)', 0],
  ['情況(a)說明', '情況(a)說明', 0],
  ['2017(kāi)', '2017(kāi)', 0],
  ['網址(gov)', '網址(gov)', 0],
];

describe('step 1: inline pinyin', () => {
  it.each(cases)('%s', (input, expected, removed) => {
    const r = removePinyin(untracked(input));
    expect(r.text.text).toBe(expected);
    expect(r.removed).toBe(removed);
  });

  it.skipIf(!sharedAvailable)(`removes every annotation of seed 001 ${SHARED_SKIP_REASON}`, () => {
    const text = new TextDecoder().decode(readShared('seeds/001_19ce7dd9c5815b16.txt'));
    const r = removePinyin(untracked(text));
    expect(r.removed).toBe(304);
    expect(r.text.text).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/u);
  });
});
