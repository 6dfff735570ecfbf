/** Reading 表三/表四 cells for the identity rules: known values, sums of known values, evidence. */
import type { Evidence } from '@gongkai/core';
import type { CellRef, RuleContext } from '../validate.context.ts';

/** A value an identity can use, with the cells it came from (several when a missing sum row is computed). */
export interface Known {
  value: number;
  cells: CellRef[];
  /** True when computed from sub-rows because the report omits the sum row. */
  computed?: boolean;
}

/** undefined: the cell is absent; null: present but unreadable, blank or ambiguous; else the value. */
export function cellValue(ctx: RuleContext, key: string): Known | null | undefined {
  const c = ctx.cells.get(key);
  if (!c) return undefined;
  if (c.value === null || c.ambiguous) return null;
  return { value: c.value, cells: [c] };
}

/** Σ of the given keys when every one is known; null when any is absent or unreadable. */
export function sumKnown(ctx: RuleContext, keys: readonly string[]): Known | null {
  let value = 0;
  const cells: CellRef[] = [];
  for (const k of keys) {
    const v = cellValue(ctx, k);
    if (!v) return null;
    value += v.value;
    cells.push(...v.cells);
  }
  return { value, cells };
}

export function cellEvidence(ctx: RuleContext, cells: readonly CellRef[]): Evidence[] {
  const seen = new Set<number>();
  const out: Evidence[] = [];
  for (const c of cells) {
    if (seen.has(c.start)) continue;
    seen.add(c.start);
    out.push(ctx.ev(c.start, c.end));
  }
  return out.sort((a, b) => a.start - b.start);
}

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
