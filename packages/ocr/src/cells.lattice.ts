/**
 * The cells of ruled tables in page pixels, from the rules found on the page
 * (rulings.find.ts): the same lattice decode's ruled-table layout builds in
 * points (rule positions clustered, neighbours merged where the rule between
 * them is missing), so a cell read on its own crop lands back in the same
 * grid cell by position. Pure.
 */
import { clusterRulePositions as cluster, ruleComponents } from '@gongkai/decode';
import type { PixelRule } from './rulings.find.ts';

/** A cell's inside in page pixels (rules excluded). */
export interface PixelCell {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Every cell of every ruled table on the page (merged cells once). `dpi`
 * sets the tolerance: decode's 2 points, in pixels.
 */
export function latticeCells(rules: { horizontal: PixelRule[]; vertical: PixelRule[] }, dpi: number): PixelCell[] {
  const tol = Math.max(2, Math.round((2 * dpi) / 72));
  const out: PixelCell[] = [];
  for (const t of ruleComponents(rules.horizontal, rules.vertical, tol)) {
    const ys = cluster(t.h.map((s) => s.at), tol);
    const xs = cluster(t.v.map((s) => s.at), tol);
    if (ys.length < 2 || xs.length < 2) continue;
    const covers = (s: PixelRule, at: number, p: number) => Math.abs(s.at - at) <= tol && s.from - tol <= p && p <= s.to + tol;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const parent = [...Array(rows * cols).keys()];
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
      return i;
    };
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const midX = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
        const midY = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
        if (r + 1 < rows && !t.h.some((s) => covers(s, ys[r + 1] ?? 0, midX))) parent[find(r * cols + c)] = find((r + 1) * cols + c);
        if (c + 1 < cols && !t.v.some((s) => covers(s, xs[c + 1] ?? 0, midY))) parent[find(r * cols + c)] = find(r * cols + c + 1);
      }
    }
    const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const root = find(r * cols + c);
        const s = spans.get(root);
        if (!s) spans.set(root, { r0: r, r1: r, c0: c, c1: c });
        else Object.assign(s, { r0: Math.min(s.r0, r), r1: Math.max(s.r1, r), c0: Math.min(s.c0, c), c1: Math.max(s.c1, c) });
      }
    }
    const thick = Math.max(...t.h.map((s) => s.thickness), ...t.v.map((s) => s.thickness), 1);
    const inset = Math.ceil(thick / 2) + 1;
    for (const s of spans.values()) {
      const cell = { x0: (xs[s.c0] ?? 0) + inset, y0: (ys[s.r0] ?? 0) + inset, x1: (xs[s.c1 + 1] ?? 0) - inset, y1: (ys[s.r1 + 1] ?? 0) - inset };
      if (cell.x1 - cell.x0 >= 4 && cell.y1 - cell.y0 >= 4) out.push(cell);
    }
  }
  return out;
}
