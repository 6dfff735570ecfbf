import type { Segment } from './pdf-page.types.ts';

type Matrix = [number, number, number, number, number, number];

/** The pdfjs operator codes this module reads (pdfjs `OPS`). */
export interface PathOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** pdfjs path buffer opcodes (`DrawOPS`). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Thicker than this (points), a filled rectangle is a shaded area, not a drawn line. */
const MAX_RULE_THICKNESS = 3;
const MIN_RULE_LENGTH = 4;

export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

function addSegment(out: Rulings, x1: number, y1: number, x2: number, y2: number): void {
  if (Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) >= MIN_RULE_LENGTH) {
    out.horizontal.push({ at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
  } else if (Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) >= MIN_RULE_LENGTH) {
    out.vertical.push({ at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
}

/** A filled thin rectangle drawn as a table line. */
function addThinRect(out: Rulings, pts: Array<[number, number]>): void {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x1 = Math.min(...xs);
  const x2 = Math.max(...xs);
  const y1 = Math.min(...ys);
  const y2 = Math.max(...ys);
  if (y2 - y1 <= MAX_RULE_THICKNESS && x2 - x1 >= MIN_RULE_LENGTH) out.horizontal.push({ at: (y1 + y2) / 2, from: x1, to: x2 });
  else if (x2 - x1 <= MAX_RULE_THICKNESS && y2 - y1 >= MIN_RULE_LENGTH) out.vertical.push({ at: (x1 + x2) / 2, from: y1, to: y2 });
}

/**
 * Reads the ruling lines of a page from its operator list: stroked straight
 * path segments and filled hairline rectangles, in viewport space (the
 * current transformation matrix is tracked through save/restore/transform).
 */
export function parseRulings(fnArray: number[], argsArray: unknown[], ops: PathOps, viewport: Matrix): Rulings {
  const out: Rulings = { horizontal: [], vertical: [] };
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(ctm, argsArray[i] as Matrix);
    else if (fn === ops.constructPath) {
      // pdfjs ≥ 5: [paintOp, [pathBuffer], minMax]
      const [paint, buffers] = argsArray[i] as [number, ArrayLike<number>[] | undefined];
      const path = buffers?.[0];
      if (!path || !(strokes.has(paint) || fills.has(paint))) continue;
      const m = multiply(viewport, ctm);
      readPath(path, m, strokes.has(paint), out);
    }
  }
  return out;
}

function readPath(path: ArrayLike<number>, m: Matrix, stroked: boolean, out: Rulings): void {
  let subpath: Array<[number, number]> = [];
  const flush = () => {
    if (!stroked && subpath.length >= 4) addThinRect(out, subpath);
    subpath = [];
  };
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === MOVE) {
      flush();
      subpath.push(apply(m, path[k] ?? 0, path[k + 1] ?? 0));
      k += 2;
    } else if (op === LINE) {
      const p = apply(m, path[k] ?? 0, path[k + 1] ?? 0);
      const prev = subpath[subpath.length - 1];
      if (stroked && prev) addSegment(out, prev[0], prev[1], p[0], p[1]);
      subpath.push(p);
      k += 2;
    } else if (op === CURVE) {
      subpath.push(apply(m, path[k + 4] ?? 0, path[k + 5] ?? 0));
      k += 6;
    } else if (op === CLOSE) {
      const first = subpath[0];
      const last = subpath[subpath.length - 1];
      if (stroked && first && last) addSegment(out, last[0], last[1], first[0], first[1]);
    } else {
      break;
    }
  }
  flush();
}
