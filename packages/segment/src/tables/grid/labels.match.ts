/**
 * Label meaning: a row or column label matches a template entry when one of
 * its keys occurs in the label (labels are compacted by `labelKey`, so
 * numbering such as （一）/1./三、 stuck to the label, broken lines and
 * spaces do not matter). When several entries match (a merged label cell
 * "（三）不予公开1.属于国家秘密"), the key that ends last wins, then the
 * longest: the most specific label is the one printed nearest the values.
 * Parenthetical notes of five or more characters are not read.
 */
import { labelKey } from './grid.rows.ts';

export interface LabelSpec {
  id: string;
  keys: readonly string[];
}

/** Compiles keys into compact form once. */
export function specs(list: ReadonlyArray<{ id: string; keys: readonly string[] }>): LabelSpec[] {
  return list.map((s) => ({ id: s.id, keys: s.keys.map(labelKey) }));
}

/** Keys this long or longer may match an OCR'd label with one character misread (substituted, dropped or added). */
export const MISREAD_MIN_KEY = 5;

/** True when `a` and `b` differ by at most one character substituted, dropped or added. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Where `key` ends in `label` read with at most one character misread (OCR:
 * 谊期不补正 for 逾期不补正, a character substituted; 属于家秘密 for 属于国家秘密,
 * one dropped; 法律服”务机构, one added), the last such place; -1 when nowhere.
 */
function lastNearEnd(label: string, key: string): number {
  for (let end = label.length; end >= key.length - 1; end--) {
    for (const len of [key.length, key.length - 1, key.length + 1]) {
      if (len <= end && oneEditApart(label.slice(end - len, end), key)) return end;
    }
  }
  return -1;
}

/**
 * The best-matching spec for a compact label, or null. `misread` (a label
 * read by OCR): a key of MISREAD_MIN_KEY or more characters also matches
 * with one character substituted, dropped or added; an exact match ending at
 * the same place wins.
 */
export function matchLabel(raw: string, list: readonly LabelSpec[], misread = false): LabelSpec | null {
  // a parenthetical note is no part of the label's meaning: （区分处理的，只计这一情形，不计其他情形）
  const label = raw.replace(/（[^（）]{5,}）/g, '');
  let best: { spec: LabelSpec; end: number; len: number; exact: boolean } | null = null;
  for (const spec of list) {
    for (const key of spec.keys) {
      const at = label.lastIndexOf(key);
      const exact = at >= 0;
      const end = exact ? at + key.length : misread && key.length >= MISREAD_MIN_KEY ? lastNearEnd(label, key) : -1;
      if (end < 0) continue;
      const better = !best || end > best.end || (end === best.end && (exact && !best.exact || (exact === best.exact && key.length > best.len)));
      if (better) best = { spec, end, len: key.length, exact };
    }
  }
  return best?.spec ?? null;
}
