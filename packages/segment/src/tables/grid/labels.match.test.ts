import { describe, expect, it } from 'vitest';
import { labelKey } from './grid.rows.ts';
import { matchLabel, specs } from './labels.match.ts';

const ROWS = specs([
  { id: 'other.sum', keys: ['其他处理'] },
  { id: 'other.no_amend_overdue', keys: ['逾期不补正'] },
  { id: 'other.fee_unpaid', keys: ['收费通知', '缴纳费用'] },
  { id: 'issued', keys: ['本年制发件数'] },
  { id: 'repealed', keys: ['本年废止件数'] },
  { id: 'state_secret', keys: ['国家秘密'] },
]);
const id = (label: string, misread = false) => matchLabel(labelKey(label), ROWS, misread)?.id ?? null;

describe('matchLabel', () => {
  it('matches an OCR\'d label with one character of a long key misread, where the exact key ends earlier', () => {
    // a merged group label and a sub-row label read as one: 逾 read as 谊
    const label = '（六）其他处理 1.申请人无正当理由谊期不补正、行政机关不再处理其政府信息公开申请';
    expect(id(label)).toBe('other.sum');
    expect(id(label, true)).toBe('other.no_amend_overdue');
  });

  it('keeps exact matches first, and reads short keys only exactly', () => {
    expect(id('本年废止件数', true)).toBe('repealed');
    expect(id('本年制发件数', true)).toBe('issued');
    // 国家秘密 is four characters: one misread character is a quarter of it, not matched
    expect(id('1.属于国家秧密', true)).toBeNull();
    // two characters misread: no match
    expect(id('1.申请人无正当理由谊期不补止', true)).toBeNull();
  });
});
