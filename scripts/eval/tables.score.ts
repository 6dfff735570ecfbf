/**
 * Table cells against their gold (issue 13): each printed gold cell is
 * right, wrong, missing, or ambiguous-left-null (not read, and its table
 * cell is flagged ambiguous: the solver saw more than one consistent split
 * and kept it null, which is the wanted outcome for an undecidable run).
 * A value read where the gold says the cell is not printed, a sum the form
 * implies read with another value, and a table cell the gold does not know
 * of are all wrong: a figure nobody printed. Pure: the runner feeds it.
 */
import type { Metric, ReportTable } from '@gongkai/core';
import type { GoldFile } from '@gongkai/testkit';
import { goldCells, isTableKey } from './render/gold.cells.ts';

export interface CellMiss {
  key: string;
  want: number | null;
  got?: number;
}

export interface CellScore {
  /** Printed gold cells (the denominator). */
  cells: number;
  right: number;
  wrong: CellMiss[];
  missing: CellMiss[];
  ambiguousNull: CellMiss[];
  /** Table cells read that the gold does not list (report text only). */
  extra: CellMiss[];
}

export const emptyCellScore = (): CellScore => ({ cells: 0, right: 0, wrong: [], missing: [], ambiguousNull: [], extra: [] });

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Keys of table cells the segment stage flagged ambiguous (left null). */
export function ambiguousKeys(tables: readonly ReportTable[]): Set<string> {
  const out = new Set<string>();
  for (const t of tables) for (const c of t.cells) if (c.ambiguous) out.add(`${t.kind}.${c.row}.${c.col}`);
  return out;
}

/**
 * `extraIsWrong`: a rendering prints only the gold's cells, so any other
 * table cell read from it is invented; in a report's own text the gold may
 * simply not have listed it (counted as `extra`, as the main score counts a
 * false positive).
 */
export function scoreCells(gold: GoldFile, metrics: readonly Metric[], tables: readonly ReportTable[], extraIsWrong: boolean): CellScore {
  const g = goldCells(gold);
  const got = new Map(metrics.filter((m) => isTableKey(m.key)).map((m) => [m.key, m.value]));
  const ambiguous = ambiguousKeys(tables);
  const s = emptyCellScore();
  for (const [key, want] of g.printed) {
    s.cells++;
    const v = got.get(key);
    if (v === undefined) (ambiguous.has(key) ? s.ambiguousNull : s.missing).push({ key, want });
    else if (same(v, want)) s.right++;
    else s.wrong.push({ key, want, got: v });
  }
  for (const [key, v] of got) {
    if (g.printed.has(key)) continue;
    const implied = g.implied.get(key);
    if (implied !== undefined) {
      if (!same(implied, v)) s.wrong.push({ key, want: implied, got: v });
    } else if (g.unprinted.has(key) || extraIsWrong) {
      s.wrong.push({ key, want: null, got: v });
    } else {
      s.extra.push({ key, want: null, got: v });
    }
  }
  return s;
}

export function addCellScores(a: CellScore, b: CellScore): CellScore {
  return {
    cells: a.cells + b.cells,
    right: a.right + b.right,
    wrong: [...a.wrong, ...b.wrong],
    missing: [...a.missing, ...b.missing],
    ambiguousNull: [...a.ambiguousNull, ...b.ambiguousNull],
    extra: [...a.extra, ...b.extra],
  };
}

/** Share of printed cells read right (1 when there are none). */
export const rightShare = (s: CellScore): number => (s.cells === 0 ? 1 : s.right / s.cells);

/** Share of printed cells right or left null and flagged ambiguous. */
export const rightOrFlaggedShare = (s: CellScore): number => (s.cells === 0 ? 1 : (s.right + s.ambiguousNull.length) / s.cells);
