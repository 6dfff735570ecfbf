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
}

const PHRASES: readonly CellPhrase[] = [
  { row: 'normative_docs', col: 'issued', before: /制发(?:了)?(?:的)?(?:行政)?规范性文件(?:共)?$/u, thisYear: true },
  { row: 'normative_docs', col: 'repealed', before: /废止(?:了)?(?:的)?(?:行政)?规范性文件(?:共)?$/u, thisYear: true },
  { row: 'normative_docs', col: 'in_force', before: /现行有效(?:的)?(?:行政)?规范性文件(?:共)?$/u },
  { row: 'rules', col: 'issued', before: /制发(?:了)?(?:的)?(?:政府)?规章(?:共)?$/u, thisYear: true },
  { row: 'rules', col: 'repealed', before: /废止(?:了)?(?:的)?(?:政府)?规章(?:共)?$/u, thisYear: true },
  { row: 'rules', col: 'in_force', before: /现行有效(?:的)?(?:政府)?规章(?:共)?$/u },
];
const THIS_YEAR = /本年|今年|全年|当年/u;

/** Template column order of 表二 (2019 and 2021 variants). */
const COLUMN_ORDER = ['made', 'published', 'public_total', 'issued', 'repealed', 'in_force', 'prev_items', 'delta', 'decisions'];

interface Statement {
  value: number;
  evidence: Evidence;
}

/** Every prose statement of a 表二 cell, keyed `row.col`. */
export function cellStatements(doc: Doc): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  doc.sentences.forEach((sentence, si) => {
    const sentenceText = doc.text.slice(sentence.start, sentence.end);
    for (const token of doc.tokens[si] ?? []) {
      if (!isCount(token) || token.approx || inSkip(doc, token.start) || !['件', '份', '个', '条'].includes(token.unit ?? '')) continue;
      const clause = sentence.clauses.find((c) => c.start <= token.start && token.start < c.end);
      if (!clause) continue;
      const head = doc.text.slice(clause.start, token.start).trimEnd();
      for (const p of PHRASES) {
        if (!p.before.test(head) || (p.thisYear && !THIS_YEAR.test(sentenceText))) continue;
        const id = `${p.row}.${p.col}`;
        out.set(id, [...(out.get(id) ?? []), { value: token.value, evidence: evidenceOf(doc, clause) }]);
      }
    }
  });
  return out;
}

function validNumber(s: string): boolean {
  return s.length > 0 && (s === '0' || !s.startsWith('0'));
}

/** Every way to cut a digit run into `n` numbers (no leading zeros), left to right. */
export function splits(digits: string, n: number): number[][] {
  if (n === 1) return validNumber(digits) ? [[Number(digits)]] : [];
  const out: number[][] = [];
  for (let i = 1; i <= digits.length - (n - 1); i++) {
    const head = digits.slice(0, i);
    if (!validNumber(head)) continue;
    for (const rest of splits(digits.slice(i), n - 1)) out.push([Number(head), ...rest]);
  }
  return out;
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
  const digits = first.raw.replace(/\s+/gu, '');
  if (!/^\d+$/u.test(digits)) return null;
  const said = cells.map((c) => stated.get(`${c.row}.${c.col}`) ?? []);
  if (said.every((s) => s.length === 0)) return null;
  if (said.some((s) => new Set(s.map((x) => x.value)).size > 1)) return null;
  const options = splits(digits, cells.length)
    .filter((sp) => sp.every((v, i) => cells[i]?.candidates?.includes(v) ?? true))
    .filter((sp) => sp.every((v, i) => (said[i] ?? []).every((s) => s.value === v)));
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
          evidence: cellEvidence(doc, cell), source: 'table', rank: 4, stated: true, at: cell.start, resolution,
        });
      });
    }
  }
  return out;
}
