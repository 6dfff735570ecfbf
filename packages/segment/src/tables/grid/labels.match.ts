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

/** The best-matching spec for a compact label, or null. */
export function matchLabel(raw: string, list: readonly LabelSpec[]): LabelSpec | null {
  // a parenthetical note is no part of the label's meaning: （区分处理的，只计这一情形，不计其他情形）
  const label = raw.replace(/（[^（）]{5,}）/g, '');
  let best: { spec: LabelSpec; end: number; len: number } | null = null;
  for (const spec of list) {
    for (const key of spec.keys) {
      const at = label.lastIndexOf(key);
      if (at < 0) continue;
      const end = at + key.length;
      if (!best || end > best.end || (end === best.end && key.length > best.len)) best = { spec, end, len: key.length };
    }
  }
  return best?.spec ?? null;
}
