/**
 * Solving a flattened table as a whole. Each row's digit run has been cut
 * into its candidate splits (digits.split.ts, with the row's own checks);
 * a table's identities tie cells of different rows together (表三: 总计 =
 * the six outcomes, sub-rows = their sub-total, 新收 + 上年结转 = 总计 +
 * 结转下年度). This picks the combinations of row splits under which every
 * identity holds, and narrows each row to the splits that occur in one.
 *
 * Bounds (the search is exponential in the open rows in the worst case):
 * at most MAX_SOLUTIONS complete combinations are collected and at most
 * MAX_NODES partial combinations are visited; when either bound stops the
 * search, or no combination fits at all (a publisher's slip in the figures),
 * nothing is narrowed and the rows keep the splits they had. Rows whose own
 * search was cut short (`complete` false) are not narrowed either, and
 * identities touching them are not used.
 */
import type { Piece } from '../digits.split.ts';
import type { RowParse } from '../table-rows.parse.ts';

/** A cell of the table: row id and column index. */
export type CellAt = readonly [row: string, col: number];

/** Σ lhs = Σ rhs (a sum: lhs = [total], rhs = its parts). */
export interface SumIdentity {
  lhs: readonly CellAt[];
  rhs: readonly CellAt[];
}

export interface SolveOutcome {
  /** 'narrowed': one or more rows lost splits; 'unchanged': nothing to narrow; 'none': no combination fits; 'bounded': a bound stopped the search. */
  status: 'narrowed' | 'unchanged' | 'none' | 'bounded';
  /** Combinations found (capped at MAX_SOLUTIONS + 1). */
  combinations: number;
  /** Visited partial combinations. */
  nodes: number;
}

export const MAX_SOLUTIONS = 64;
export const MAX_NODES = 200_000;

interface Bounds {
  maxSolutions?: number;
  maxNodes?: number;
}

/**
 * Narrows `rows` in place to the splits that take part in a combination
 * satisfying every identity whose cells all exist. Rows left with one split
 * are marked `narrowed` (their values are then read by the table's
 * arithmetic, 'solver-unique').
 */
export function solveRows(rows: Map<string, RowParse>, identities: readonly SumIdentity[], bounds: Bounds = {}): SolveOutcome {
  const maxSolutions = bounds.maxSolutions ?? MAX_SOLUTIONS;
  const maxNodes = bounds.maxNodes ?? MAX_NODES;
  const usable = (id: string) => {
    const p = rows.get(id);
    return p !== undefined && p.solutions.length > 0 && p.complete;
  };
  const open = [...rows.entries()].filter(([, p]) => p.solutions.length > 1 && p.complete).sort((a, b) => a[1].solutions.length - b[1].solutions.length);
  if (open.length === 0) return { status: 'unchanged', combinations: 0, nodes: 0 };
  const order = new Map(open.map(([id], i) => [id, i]));
  // identities that can be checked and involve an open row, each checked once its last open row is assigned
  const byDepth: SumIdentity[][] = open.map(() => []);
  for (const idn of identities) {
    const cells = [...idn.lhs, ...idn.rhs];
    if (!cells.every(([r]) => usable(r))) continue;
    const depth = Math.max(...cells.map(([r]) => order.get(r) ?? -1));
    if (depth >= 0) byDepth[depth]?.push(idn);
  }
  if (byDepth.every((d) => d.length === 0)) return { status: 'unchanged', combinations: 0, nodes: 0 };
  const picked = new Map<string, Piece[]>();
  for (const [id, p] of rows) if (p.solutions.length === 1 && p.complete) picked.set(id, p.solutions[0] as Piece[]);
  const value = ([r, c]: CellAt): number | null | undefined => picked.get(r)?.[c]?.value;
  const sum = (cells: readonly CellAt[]): number | null => {
    let s = 0;
    for (const cell of cells) {
      const v = value(cell);
      if (v === null || v === undefined) return null;
      s += v;
    }
    return s;
  };
  /** An identity with an empty ("/") cell cannot be checked and does not prune. */
  const holds = (idn: SumIdentity): boolean => {
    const l = sum(idn.lhs);
    const r = sum(idn.rhs);
    return l === null || r === null || Math.abs(l - r) < 1e-9;
  };
  const used: Array<Set<number>> = open.map(() => new Set());
  const pick: number[] = [];
  let combinations = 0;
  let nodes = 0;
  let stopped = false;
  const walk = (depth: number): void => {
    if (stopped) return;
    if (depth === open.length) {
      combinations++;
      pick.forEach((k, i) => used[i]?.add(k));
      if (combinations > maxSolutions) stopped = true;
      return;
    }
    const [id, p] = open[depth] as [string, RowParse];
    for (let k = 0; k < p.solutions.length; k++) {
      if (++nodes > maxNodes) {
        stopped = true;
        return;
      }
      picked.set(id, p.solutions[k] as Piece[]);
      if ((byDepth[depth] ?? []).every(holds)) {
        pick.push(k);
        walk(depth + 1);
        pick.pop();
      }
      if (stopped) break;
    }
    picked.delete(id);
  };
  walk(0);
  if (stopped) return { status: 'bounded', combinations, nodes };
  if (combinations === 0) return { status: 'none', combinations, nodes };
  let narrowed = false;
  open.forEach(([, p], i) => {
    const keep = used[i] as Set<number>;
    if (keep.size === p.solutions.length) return;
    p.solutions = p.solutions.filter((_, k) => keep.has(k));
    p.narrowed = true;
    narrowed = true;
  });
  return { status: narrowed ? 'narrowed' : 'unchanged', combinations, nodes };
}
