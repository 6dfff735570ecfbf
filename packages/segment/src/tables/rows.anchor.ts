/**
 * Finds a table's row labels in order, each by one of its keys, and the
 * stretch of text holding each row's numbers (from the end of its label to
 * the start of the next found label). Optional rows (group labels such as
 * （三）不予公开, variant rows) are only taken before the next required one.
 */
import { findFirstOf, type CompactText, type Found } from '../text/compact.text.ts';

export interface RowSpec {
  id: string;
  keys: readonly string[];
  optional?: boolean;
}

export interface AnchoredRow {
  spec: RowSpec;
  label: Found;
  /** [start, end) of the text after the label that holds the row's numbers. */
  valuesStart: number;
  valuesEnd: number;
}

export function anchorRows(c: CompactText, specs: readonly RowSpec[], from: number, limit: number): AnchoredRow[] {
  const found: Array<{ spec: RowSpec; label: Found }> = [];
  let cursor = from;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as RowSpec;
    let before = limit;
    if (spec.optional) {
      const next = specs.slice(i + 1).find((s) => !s.optional);
      const nf = next ? findFirstOf(c, next.keys, cursor, limit) : null;
      if (nf) before = nf.start;
    }
    const f = findFirstOf(c, spec.keys, cursor, before);
    if (!f) continue;
    found.push({ spec, label: f });
    cursor = f.end;
  }
  return found.map((r, i) => {
    const next = found[i + 1];
    return { ...r, valuesStart: r.label.end, valuesEnd: next ? next.label.start : limit };
  });
}
