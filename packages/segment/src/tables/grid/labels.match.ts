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

/** Keys this long or longer may match an OCR'd label with one character misread. */
export const MISREAD_MIN_KEY = 5;

/** Where `key` ends in `label` read with at most one character substituted (OCR: 谊期不补正 for 逾期不补正), the last such place; -1 when nowhere. */
function lastNearEnd(label: string, key: string): number {
  for (let at = label.length - key.length; at >= 0; at--) {
    let diff = 0;
    for (let i = 0; i < key.length && diff <= 1; i++) if (label[at + i] !== key[i]) diff++;
    if (diff <= 1) return at + key.length;
  }
  return -1;
}

/**
 * The best-matching spec for a compact label, or null. `misread` (a label
 * read by OCR): a key of MISREAD_MIN_KEY or more characters also matches
 * with one character substituted; an exact match ending at the same place wins.
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
