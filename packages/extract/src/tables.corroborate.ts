/**
 * A 表二 row whose cells ran together (行政规范性文件8855698: 本年制发 |
 * 本年废止 | 现行有效) cannot be split from the digits alone; segment leaves
 * its cells ambiguous. The report's own narrative sometimes states some of
 * them (动态更新本年度制发的规范性文件88件, 集中公开现行有效行政规范性文件698件).
 * The row is read only when the narrative states at least one of its cells
 * and exactly one split of the digit run agrees with every cell it states;
 * otherwise it stays unread. Each value read this way carries a Resolution
 * naming the statements that settled it.
 */
import { metricDef, type Evidence, type ReportTable, type Resolution, type TableCell } from '@gongkai/core';
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf, inSkip } from './doc.model.ts';
import { isCount } from './numbers.parse.ts';
import { cellEvidence } from './tables.extract.ts';

/** Prose that states one 表二 cell: the words right before the count, in the same clause. */
interface CellPhrase {
  row: string;
  col: string;
  before: RegExp;
  /** The sentence must place the count in the report year (本年度制发…, not a clean-up over several years). */
  thisYear?: boolean;
  /** Units the statement may carry; an amount must carry the unit the table prints (元 or 万元). @defaultValue counts */
  units?: readonly string[];
}

const PHRASES: readonly CellPhrase[] = [
  { row: 'normative_docs', col: 'issued', before: /制发(?:了)?(?:的)?(?:行政)?规范性文件(?:共)?$/u, thisYear: true },
  { row: 'normative_docs', col: 'repealed', before: /废止(?:了)?(?:的)?(?:行政)?规范性文件(?:共)?$/u, thisYear: true },
  { row: 'normative_docs', col: 'in_force', before: /现行有效(?:的)?(?:行政)?规范性文件(?:共)?$/u },
  { row: 'rules', col: 'issued', before: /制发(?:了)?(?:的)?(?:政府)?规章(?:共)?$/u, thisYear: true },
  { row: 'rules', col: 'repealed', before: /废止(?:了)?(?:的)?(?:政府)?规章(?:共)?$/u, thisYear: true },
  { row: 'rules', col: 'in_force', before: /现行有效(?:的)?(?:政府)?规章(?:共)?$/u },
  // 全年共发布采购信息197批次涉及金额3601627.4元 (政府集中采购 197 | 3601627.4元)
  { row: 'procurement', col: 'amount', before: /(?:政府)?(?:集中)?采购[^，。；,;]{0,30}?(?:涉及|采购|成交|合同)?(?:总)?金额(?:为|共|达|共计|合计)?$/u, thisYear: true, units: ['元', '万元'] },
];
const COUNT_UNITS = ['件', '份', '个', '条'];
const THIS_YEAR = /本年|今年|全年|当年/u;

/** Template column order of 表二 (2019 and 2021 variants). */
const COLUMN_ORDER = ['made', 'published', 'public_total', 'issued', 'repealed', 'in_force', 'prev_items', 'delta', 'decisions', 'projects', 'amount'];

interface Statement {
  value: number;
  evidence: Evidence;
  /** The measure word after the figure (an amount's 元/万元 must match the table's). */
  unit?: string;
}

/** Every prose statement of a 表二 cell, keyed `row.col`. */
export function cellStatements(doc: Doc): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  doc.sentences.forEach((sentence, si) => {
    const sentenceText = doc.text.slice(sentence.start, sentence.end);
    for (const token of doc.tokens[si] ?? []) {
      if (!isCount(token) || token.approx || inSkip(doc, token.start)) continue;
      const clause = sentence.clauses.find((c) => c.start <= token.start && token.start < c.end);
      if (!clause) continue;
      const head = doc.text.slice(clause.start, token.start).trimEnd();
      for (const p of PHRASES) {
        if (!(p.units ?? COUNT_UNITS).includes(token.unit ?? '')) continue;
        if (!p.before.test(head) || (p.thisYear && !THIS_YEAR.test(sentenceText))) continue;
        const id = `${p.row}.${p.col}`;
        out.set(id, [...(out.get(id) ?? []), { value: token.value, evidence: evidenceOf(doc, clause), unit: token.unit ?? '' }]);
      }
    }
  });
  return out;
}

const PIECE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/u;
/** Longer runs are not split here (the segment stage bounds its own search; a run this long is not a 表二 row). */
const MAX_RUN = 40;

/**
 * Every way to cut a digit run into `n` numbers, left to right: no leading
 * zeros, a sign only at a number's start, a decimal point only inside one,
 * never across a space (the cells were apart there).
 */
export function splits(run: string, n: number): number[][] {
  const tokens = run.trim().split(/\s+/u).filter(Boolean);
  if (run.length > MAX_RUN || tokens.length === 0 || tokens.length > n) return [];
  const out: number[][] = [];
  const cut = (ti: number, at: number, acc: number[]): void => {
    const tok = tokens[ti];
    if (tok === undefined) {
      if (acc.length === n) out.push([...acc]);
      return;
    }
    if (acc.length >= n) return;
    for (let end = at + 1; end <= tok.length; end++) {
      const piece = tok.slice(at, end);
      if (!PIECE.test(piece)) continue;
      acc.push(Number(piece));
      if (end === tok.length) cut(ti + 1, 0, acc);
      else cut(ti, end, acc);
      acc.pop();
    }
  };
  cut(0, 0, []);
  return out;
}

/** The checks the segment stage splits 表二 rows under (DOMAIN.md 2.1), by column id, so that a settled split is one it admitted. */
function rowHolds(cols: readonly string[], v: readonly number[]): boolean {
  const at = (c: string) => v[cols.indexOf(c)];
  const published = at('published');
  const total = at('public_total');
  if (published !== undefined && total !== undefined && published > total) return false;
  const prev = at('prev_items');
  const delta = at('delta');
  if (prev !== undefined && delta !== undefined && prev + delta < 0) return false;
  // counts are whole numbers; only an amount (the last cell) may carry decimals
  return v.every((x, i) => Number.isInteger(x) || /amount/u.test(cols[i] ?? ''));
}

/** Ambiguous cells of one row that share one digit run, in template column order. */
function ambiguousRows(table: ReportTable): TableCell[][] {
  const groups = new Map<string, TableCell[]>();
  for (const cell of table.cells) {
    if (!cell.ambiguous) continue;
    const id = `${cell.row}|${cell.start}|${cell.end}|${cell.raw}`;
    groups.set(id, [...(groups.get(id) ?? []), cell]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => COLUMN_ORDER.indexOf(a.col) - COLUMN_ORDER.indexOf(b.col)));
}

/**
 * The one split the narrative settles, or null: at least one cell stated (by a
 * single value), and exactly one split, among those segment found consistent,
 * agrees with every stated cell.
 */
export function settle(
  cells: readonly TableCell[],
  stated: ReadonlyMap<string, readonly Statement[]>,
): { split: number[]; used: Array<Statement & { col: string }> } | null {
  const first = cells[0];
  if (!first) return null;
  const unit = /(万元|元)\s*$/u.exec(first.raw)?.[1] ?? null;
  const run = first.raw.replace(/(万元|元)\s*$/u, '');
  if (!/^[\d\s.+-]+$/u.test(run)) return null;
  // an amount stated in another unit than the table's is not the same figure
  const said = cells.map((c) => (stated.get(`${c.row}.${c.col}`) ?? []).filter((s) => !/amount/u.test(c.col) || s.unit === unit));
  if (said.every((s) => s.length === 0)) return null;
  if (said.some((s) => new Set(s.map((x) => x.value)).size > 1)) return null;
  const cols = cells.map((c) => c.col);
  const options = splits(run.replace(/\+/gu, ' '), cells.length)
    .filter((sp) => rowHolds(cols, sp))
    .filter((sp) => sp.every((v, i) => cells[i]?.candidates?.includes(v) ?? false))
    .filter((sp) => sp.every((v, i) => (said[i] ?? []).every((s) => Math.abs(s.value - v) < 1e-9)));
  if (options.length !== 1) return null;
  const used = said.flatMap((s, i) => s.map((x) => ({ ...x, col: cells[i]?.col ?? '' })));
  return { split: options[0] as number[], used: used.sort((a, b) => a.evidence.start - b.evidence.start) };
}

/** 表二 cells read by the narrative's corroboration (source 'table': the digits are the table's, the split is the narrative's). */
export function corroboratedCells(doc: Doc, tables: readonly ReportTable[]): Found[] {
  const out: Found[] = [];
  let stated: Map<string, Statement[]> | null = null;
  for (const table of tables) {
    if (table.kind !== 't2') continue;
    for (const cells of ambiguousRows(table)) {
      stated ??= cellStatements(doc);
      const got = settle(cells, stated);
      if (!got) continue;
      const first = cells[0] as TableCell;
      const resolution: Resolution = {
        method: 'narrative', raw: first.raw, split: got.split,
        note: `表二 prints ${first.raw} for ${cells.map((c) => c.col).join(' | ')}; the narrative states ${got.used.map((u) => `${u.col} ${u.value}`).join(', ')}, and only the split ${got.split.join(' | ')} agrees`,
        corroboration: got.used.map((u) => u.evidence),
      };
      cells.forEach((cell, i) => {
        const key = `t2.${cell.row}.${cell.col}`;
        out.push({
          key, value: got.split[i] as number, unit: metricDef(key)?.unit ?? '件', approx: false,
          evidence: cellEvidence(doc, cell, 't2', 'narrative'), source: 'table', rank: 4, stated: true, at: cell.start, resolution,
        });
      });
    }
  }
  return out;
}
