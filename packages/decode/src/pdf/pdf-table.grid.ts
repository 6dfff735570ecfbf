import { centerX, centerY, type PlacedLine, type Segment, type TextBox } from './pdf-page.types.ts';
import { MAX_GRID_COLS, MAX_GRID_ROWS, type SourceCell, type SourceGrid } from '../grid/grid.layout.ts';
import { joinBoxesInLine } from './pdf-lines.layout.ts';

/** Lines closer than this (points) are the same line; segments within it touch. */
const TOL = 2;

export interface Table {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** One line per grid row that starts at least one non-empty cell. */
  rows: PlacedLine[];
  /** The ruled grid: its size and, per line of `rows`, the cells written on it (in order, one per "\t" field). */
  grid: { rows: number; cols: number; lines: CellSpan[][]; cells: CellSpan[] };
}

/** A merged cell of the ruled grid: first/last row and column it covers. */
export interface CellSpan {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Values within `tol` collapse into one (sorted ascending). Shared with the OCR lattice (page pixels). */
export function clusterRulePositions(values: number[], tol = TOL): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || v - last > tol) out.push(v);
  }
  return out;
}

const covers = (s: Segment, at: number, p: number) => Math.abs(s.at - at) <= TOL && s.from - TOL <= p && p <= s.to + TOL;

/** Groups segments that touch or cross (within `tol`) into connected components, one per table. Shared with the OCR lattice. */
export function ruleComponents<S extends Segment>(h: S[], v: S[], tol = TOL): Array<{ h: S[]; v: S[] }> {
  const parent = [...Array(h.length + v.length).keys()];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  h.forEach((hs, i) => {
    v.forEach((vs, j) => {
      if (hs.from - tol <= vs.at && vs.at <= hs.to + tol && vs.from - tol <= hs.at && hs.at <= vs.to + tol) parent[find(i)] = find(h.length + j);
    });
  });
  const groups = new Map<number, { h: S[]; v: S[] }>();
  const group = (i: number) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((s, i) => group(i).h.push(s));
  v.forEach((s, j) => group(h.length + j).v.push(s));
  return [...groups.values()];
}

interface Cell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  boxes: TextBox[];
}

/** Builds merged cells from the grid: neighbours merge where the ruling between them is missing. */
function cellsOf(ys: number[], xs: number[], h: Segment[], v: Segment[]): Cell[] {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const id = (r: number, c: number) => r * cols + c;
  const parent = [...Array(rows * cols).keys()];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const midX = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
      const midY = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
      if (r + 1 < rows && !h.some((s) => covers(s, ys[r + 1] ?? 0, midX))) parent[find(id(r, c))] = find(id(r + 1, c));
      if (c + 1 < cols && !v.some((s) => covers(s, xs[c + 1] ?? 0, midY))) parent[find(id(r, c))] = find(id(r, c + 1));
    }
  }
  const cells = new Map<number, Cell>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const cell = cells.get(root);
      if (!cell) cells.set(root, { r0: r, r1: r, c0: c, c1: c, boxes: [] });
      else {
        cell.r0 = Math.min(cell.r0, r);
        cell.r1 = Math.max(cell.r1, r);
        cell.c0 = Math.min(cell.c0, c);
        cell.c1 = Math.max(cell.c1, c);
      }
    }
  }
  return [...cells.values()];
}

/** Cell text on one line: the cell's own lines joined without breaks. */
function cellText(boxes: TextBox[]): string {
  const lines: TextBox[][] = [];
  for (const b of [...boxes].sort((a, b) => centerY(a) - centerY(b) || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(centerY(l[0] as TextBox) - centerY(b)) < Math.max(b.size, (l[0] as TextBox).size) * 0.5);
    if (line) line.push(b);
    else lines.push([b]);
  }
  return lines.map((l) => joinBoxesInLine(l.sort((a, b) => a.x - b.x)).replace(/\t/g, ' ')).join('');
}

/**
 * Finds ruled tables on a page and turns them into rows: each grid row that
 * starts a non-empty cell becomes one line, its cells (merged cells once, in
 * their first row) joined by "\t". Returns the tables and the text boxes
 * they did not take.
 */
export function extractTables(boxes: TextBox[], horizontal: Segment[], vertical: Segment[]): { tables: Table[]; rest: TextBox[] } {
  const tables: Table[] = [];
  let rest = boxes;
  for (const comp of ruleComponents(horizontal, vertical)) {
    const ys = clusterRulePositions(comp.h.map((s) => s.at));
    const xs = clusterRulePositions(comp.v.map((s) => s.at));
    if (ys.length < 2 || xs.length < 2) continue;
    const [left, right, top, bottom] = [xs[0] ?? 0, xs[xs.length - 1] ?? 0, ys[0] ?? 0, ys[ys.length - 1] ?? 0];
    const inside = (b: TextBox) => centerX(b) > left && centerX(b) < right && centerY(b) > top && centerY(b) < bottom;
    const mine = rest.filter(inside);
    const cells = cellsOf(ys, xs, comp.h, comp.v);
    // a frame around text (one cell) is not a table
    if (mine.length === 0 || cells.length < 2) continue;
    rest = rest.filter((b) => !inside(b));
    for (const b of mine) {
      const r = ys.findIndex((y, i) => centerY(b) >= y && centerY(b) < (ys[i + 1] ?? -Infinity));
      const c = xs.findIndex((x, i) => centerX(b) >= x && centerX(b) < (xs[i + 1] ?? -Infinity));
      cells.find((cell) => r >= cell.r0 && r <= cell.r1 && c >= cell.c0 && c <= cell.c1)?.boxes.push(b);
    }
    const rows: PlacedLine[] = [];
    const lines: CellSpan[][] = [];
    for (let r = 0; r < ys.length - 1; r++) {
      // an empty cell spanning rows is the rest of a merged cell whose text sits on the previous page
      const starting = cells.filter((c) => c.r0 === r && (c.boxes.length > 0 || c.r1 === c.r0)).sort((a, b) => a.c0 - b.c0);
      const texts = starting.map((c) => cellText(c.boxes));
      if (texts.every((t) => t.trim() === '')) continue;
      const size = Math.min(...mine.map((b) => b.size));
      rows.push({ top: ys[r] ?? 0, bottom: ys[r + 1] ?? 0, left, right, size, text: texts.join('\t'), row: true });
      lines.push(starting.map(({ r0, r1, c0, c1 }) => ({ r0, r1, c0, c1 })));
    }
    const spans = cells.map(({ r0, r1, c0, c1 }) => ({ r0, r1, c0, c1 })).sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
    tables.push({ left, right, top, bottom, rows, grid: { rows: ys.length - 1, cols: xs.length - 1, lines, cells: spans } });
  }
  return { tables, rest };
}

/**
 * The grids of ruled tables, in offsets of the assembled page text: each
 * table row is a line of that text (pdf.extract.ts writes it verbatim), found
 * in reading order; a table whose rows cannot all be found gets no grid.
 * Cells not written on any line (empty merged remnants) get an empty range.
 * Bounded work: one forward search per row.
 */
export function locateTableGrids(tables: readonly Table[], text: string): SourceGrid[] {
  const out: SourceGrid[] = [];
  let cursor = 0;
  for (const t of tables) {
    const ranges = new Map<CellSpan, [number, number]>();
    let at = cursor;
    let ok = t.rows.length > 0;
    for (const [i, row] of t.rows.entries()) {
      let found = text.indexOf(row.text, at);
      while (found >= 0 && !((found === 0 || text[found - 1] === '\n') && (found + row.text.length === text.length || text[found + row.text.length] === '\n'))) {
        found = text.indexOf(row.text, found + 1);
      }
      if (found < 0) {
        ok = false;
        break;
      }
      let from = found;
      for (const [k, field] of row.text.split('\t').entries()) {
        const span = t.grid.lines[i]?.[k];
        if (span) ranges.set(span, [from, from + field.length]);
        from += field.length + 1;
      }
      at = found + row.text.length;
    }
    if (!ok) continue;
    cursor = at;
    const cells: SourceCell[] = t.grid.cells.map((c) => {
      const [from, to] = ranges.get(c) ?? ranges.get(t.grid.lines.flat().find((l) => l.r0 === c.r0 && l.c0 === c.c0) ?? c) ?? [at, at];
      return { row: c.r0, col: c.c0, rowSpan: c.r1 - c.r0 + 1, colSpan: c.c1 - c.c0 + 1, from, to };
    });
    if (t.grid.rows > MAX_GRID_ROWS || t.grid.cols > MAX_GRID_COLS) continue;
    out.push({ source: 'pdf', rows: t.grid.rows, cols: t.grid.cols, cells });
  }
  return out;
}
