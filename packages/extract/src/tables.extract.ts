/**
 * Table cells placed by the segment stage become metrics: every readable
 * cell of 表二/表三/表四 is `t2|t3|t4.<row>.<col>` (source 'table'), and the
 * core keys are derived from them per TABLE_TO_CORE (source 'derived').
 * 2008-era 统计表 cells (kind 'stats') map by their row label.
 */
import { TABLE_TO_CORE, T3_ROWS, isMetricKey, metricDef, type CellHow, type CellRef, type ReportTable, type TableCell, type TableKind } from '@gongkai/core';
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf } from './doc.model.ts';
import { valueIn } from './narrative.extract.ts';
import { statsKey } from './stats.resolve.ts';

/**
 * Which cell a figure came from and how it was read, for the reports page
 * ("表三 · （一）予以公开 × 自然人 · split by the table's arithmetic").
 * A cell from before `how` existed was read from structure.
 */
export function cellRef(table: TableKind, cell: TableCell, how?: CellHow): CellRef {
  return {
    table, row: cell.row, col: cell.col,
    ...(cell.rowLabel ? { rowLabel: cell.rowLabel } : {}),
    ...(cell.colLabel ? { colLabel: cell.colLabel } : {}),
    how: how ?? cell.how ?? 'structure',
  };
}

/** The cell's text as evidence (its raw text when segment placed it outside the text), naming the cell when its table is given. */
export function cellEvidence(doc: Doc, cell: TableCell, table?: TableKind, how?: CellHow) {
  const ok = cell.end > cell.start && cell.end <= doc.text.length;
  const ev = ok ? evidenceOf(doc, cell) : { quote: cell.raw, start: cell.start, end: Math.max(cell.start, cell.end), section: doc.sections.at(cell.start).number };
  return table ? { ...ev, cell: cellRef(table, cell, how) } : ev;
}

/** Digits of the value as a cell would print them (0.394 万元 may be printed as 3940 元: then it is not this cell's own text). */
function printed(raw: string, value: number): boolean {
  return raw.replace(/[\s,，]/gu, '').includes(String(value));
}

/**
 * A cell whose text holds its value is a statement (source 'table'); a cell
 * the segment stage computed (`derived`: a group sum the 2021 template does
 * not print) is an inference (source 'derived', not a mention).
 */
function fromCell(doc: Doc, key: string, cell: TableCell, value: number, table: TableKind): Found {
  const stated = !cell.derived && printed(cell.raw, cell.value ?? value);
  return {
    key, value, unit: metricDef(key)?.unit ?? '件', approx: false, evidence: cellEvidence(doc, cell, table),
    source: stated ? 'table' : 'derived', rank: 4, stated, at: cell.start,
  };
}

/** t2/t3/t4 cells → metrics. Ambiguous and empty cells are skipped (unknown is absent). */
export function fromUniformTables(doc: Doc, tables: readonly ReportTable[]): Found[] {
  const out: Found[] = [];
  for (const table of tables) {
    if (table.kind === 'stats') continue;
    for (const cell of table.cells) {
      if (cell.ambiguous || cell.value === null) continue;
      const key = `${table.kind}.${cell.row}.${cell.col}`;
      if (!isMetricKey(key)) continue;
      // 政府集中采购's amount is catalogued in 元; a table that prints it in 万元 is converted (exactly, to the fen)
      const value = key === 't2.procurement.amount' && /万元$/u.test(cell.raw) ? Math.round(cell.value * 1_000_000) / 100 : cell.value;
      out.push(fromCell(doc, key, cell, value, table.kind));
    }
  }
  return out;
}

/** 统计表 cells placed by segment: the first value column that is not 累计. */
export function fromStatsTables(doc: Doc, tables: readonly ReportTable[]): Found[] {
  const out: Found[] = [];
  for (const table of tables) {
    if (table.kind !== 'stats') continue;
    const cols = [...new Set(table.cells.map((c) => c.col))].filter((c) => !/累计|单位|指标/u.test(c));
    const col = cols[0];
    for (const cell of table.cells) {
      if (cell.col !== col || cell.ambiguous || cell.value === null) continue;
      const key = statsKey(cell.row.replace(/^(?:其中[：:])?\s*\d{0,2}[.、．]?\s*/u, ''));
      if (key) out.push(fromCell(doc, key, cell, valueIn(key, cell.value, /元/u.test(cell.row) && !/万元/u.test(cell.row) ? '元' : ''), 'stats'));
    }
  }
  return out;
}

/** Sub-rows whose sum stands in for a group total the 2021 template does not print (不予公开, 无法提供, 不予处理). */
const GROUP_SUMS: ReadonlyArray<readonly [string, string]> = [
  ['requests.outcome.refused.total', 'refused'],
  ['requests.outcome.unable.total', 'unable'],
  ['requests.outcome.not_processed.total', 'not_processed'],
  ['requests.outcome.other.total', 'other'],
];

/** Evidence covering every cell a sum is made of (litigation.total = 直接起诉 总计 … 复议后起诉 总计), not only the first. */
function spanning(doc: Doc, cells: readonly Found[]): Found['evidence'] {
  const first = cells[0] as Found;
  if (cells.length === 1) return first.evidence;
  const start = Math.min(...cells.map((c) => c.evidence.start));
  const end = Math.max(...cells.map((c) => c.evidence.end));
  return end > start && end <= doc.text.length ? evidenceOf(doc, { start, end }) : first.evidence;
}

/** Core keys from table metrics (TABLE_TO_CORE), plus group totals summed from their sub-rows when the sum row is absent. */
export function deriveCore(doc: Doc, tableFound: readonly Found[]): Found[] {
  const byKey = new Map(tableFound.map((f) => [f.key, f]));
  const out: Found[] = [];
  const have = new Set<string>();
  for (const { core, from } of TABLE_TO_CORE) {
    const src = from.map((k) => byKey.get(k));
    if (src.some((s) => !s)) continue;
    const cells = src as Found[];
    const first = cells[0] as Found;
    const value = cells.reduce((a, c) => a + c.value, 0);
    out.push({
      key: core, value, unit: metricDef(core)?.unit ?? first.unit, approx: false, evidence: spanning(doc, cells),
      source: 'derived', rank: 3, stated: cells.length === 1 && first.stated, at: first.at,
    });
    have.add(core);
  }
  for (const [core, group] of GROUP_SUMS) {
    if (have.has(core)) continue;
    const subs = T3_ROWS.filter((r) => r.id.startsWith(`${group}.`) && r.id !== `${group}.sum`).map((r) => byKey.get(`t3.${r.id}.total`));
    const present = subs.filter((s): s is Found => Boolean(s));
    if (present.length === 0 || present.length !== subs.length) continue;
    const first = present[0] as Found;
    out.push({
      key: core, value: present.reduce((a, c) => a + c.value, 0), unit: '件', approx: false, evidence: spanning(doc, present),
      source: 'derived', rank: 3, stated: false, at: first.at,
    });
  }
  return out;
}
