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
// 表三's 不予公开 group as t3.grid.ts keys it (the form's full label first), and a column label
const T3 = specs([
  { id: 'refused.sum', keys: ['不予公开'] },
  { id: 'refused.state_secret', keys: ['属于国家秘密', '国家秘密'] },
  { id: 'org_other', keys: ['法律服务机构'] },
]);
const t3 = (label: string, misread = false) => matchLabel(labelKey(label), T3, misread)?.id ?? null;
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

  it('matches an OCR\'d long key with one character dropped or added, not the group label printed before it', () => {
    // a merged group label and its first sub-row, 国 dropped (a 300-dpi scan of a 2019-form 表三)
    expect(t3('（三）不予公开 1.属于家秘密')).toBe('refused.sum');
    expect(t3('（三）不予公开 1.属于家秘密', true)).toBe('refused.state_secret');
    // a stray mark read into a column label
    expect(t3('法律服”务机构', true)).toBe('org_other');
    // two characters dropped: no match, the group label stands
    expect(t3('（三）不予公开 1.属于家密', true)).toBe('refused.sum');
  });
});
