/** Fitting a row's value cells to a template's column count (shared by 表二/表四/表五). */
import type { RowCell } from './grid.rows.ts';

/**
 * The row's value cells cut to `count`: empty cells beyond the count at the
 * end, then at the start, are dropped (Markdown keeps the blank remnants of
 * merged cells); null unless exactly `count` remain.
 */
export function fitValues(values: readonly RowCell[], count: number): RowCell[] | null {
  const v = [...values];
  while (v.length > count && v[v.length - 1]?.value.kind === 'empty') v.pop();
  while (v.length > count && v[0]?.value.kind === 'empty') v.shift();
  return v.length === count ? v : null;
}

/** Converts an amount to 元 or 万元 as the template cell wants it; null when the unit cannot be told. */
export function amountIn(value: number, stated: '元' | '万元' | undefined, wanted: '元' | '万元'): number | null {
  if (stated === undefined) return null;
  if (stated === wanted) return value;
  // exact to the cent / to 1e-6 万元: the printed figures have at most two decimals
  return wanted === '元' ? Math.round(value * 10000 * 100) / 100 : Math.round((value / 10000) * 1e6) / 1e6;
}

/** The unit a header or cell text states: （万元）, 单位：元 … */
export function statedUnit(text: string): '元' | '万元' | undefined {
  if (/万元/.test(text)) return '万元';
  if (/元/.test(text)) return '元';
  return undefined;
}
