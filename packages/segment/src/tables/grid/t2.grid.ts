/**
 * 表二 主动公开政府信息情况 read from grids (DOMAIN.md 2.1, 2.4), 2019 or
 * 2021 form, with or without the 规章 row (2025). Each block has a header
 * row (信息内容 | column labels) that names the columns of the data rows
 * below it; a row's values are read at the header's columns where the grid
 * keeps positions, else in order when their count fits the row's template.
 * The 2019 form in full: 上一年项目数量 / 本年增/减 / 处理决定数量 and
 * 政府集中采购 (采购项目数量, 采购总金额 in 元, converted when the header
 * or the cell says 万元; left unread when neither says).
 */
import type { ReportTable } from '@gongkai/core';
import { isTextRow, valueCells, type GridRow, type RowCell } from './grid.rows.ts';
import { matchLabel, specs } from './labels.match.ts';
import { cellOf, unparsedRow } from './table.cells.ts';
import { amountIn, fitValues, statedUnit } from './values.fit.ts';
import { T2_COL_LABELS, T2_COLS, type T2Variant } from '../t2.form.ts';

const ROW_SPECS = specs([
  { id: 'rules', keys: ['规章'] },
  { id: 'normative_docs', keys: ['规范性文件'] },
  { id: 'licensing', keys: ['行政许可'] },
  { id: 'other_services', keys: ['其他对外管理服务事项', '对外管理服务事项'] },
  { id: 'penalty', keys: ['行政处罚'] },
  { id: 'coercion', keys: ['行政强制'] },
  { id: 'admin_fees', keys: ['行政事业性收费'] },
  { id: 'procurement', keys: ['政府集中采购'] },
]);

const COL_2019 = ['made', 'published', 'public_total', 'prev_items', 'delta', 'projects', 'amount'];
const COL_2021 = ['issued', 'repealed', 'in_force', 'amount_wan_yuan'];
const COL_SPECS = specs([
  { id: 'made', keys: ['新制作'] },
  { id: 'published', keys: ['新公开'] },
  { id: 'public_total', keys: ['对外公开总数', '公开总数'] },
  { id: 'prev_items', keys: ['上一年项目数', '上年项目数'] },
  { id: 'delta', keys: ['增/减', '增减', '增（减）'] },
  { id: 'decisions', keys: ['处理决定数'] },
  { id: 'projects', keys: ['采购项目数'] },
  { id: 'amount', keys: ['采购总金额', '总金额'] },
  { id: 'issued', keys: ['制发'] },
  { id: 'repealed', keys: ['废止'] },
  { id: 'in_force', keys: ['现行有效'] },
  { id: 'amount_wan_yuan', keys: ['收费金额'] },
]);

interface Header {
  grid: number;
  /** Column id → the header cell naming it. */
  cols: Map<string, RowCell>;
  cellCount: number;
}

function headerOf(row: GridRow): Header | null {
  if (!isTextRow(row)) return null;
  const cols = new Map<string, RowCell>();
  for (const c of row.cells) {
    const id = matchLabel(c.key, COL_SPECS)?.id;
    if (id && !cols.has(id)) cols.set(id, c);
  }
  return cols.size === 0 ? null : { grid: row.grid, cols, cellCount: row.cells.length };
}

function variantOf(h: Header): T2Variant | null {
  const ids = [...h.cols.keys()];
  if (ids.some((id) => COL_2021.includes(id)) || [...h.cols.values()].some((c) => c.key.includes('本年处理决定'))) return '2021';
  if (ids.some((id) => COL_2019.includes(id))) return '2019';
  return null;
}

/** True where the grid keeps column positions (spans known): HTML, DOCX, PDF. */
const positional = (row: GridRow, h: Header) => row.grid === h.grid && ((row.source !== 'markdown' && row.source !== 'text') || row.cells.length === h.cellCount);

/** Where 表三 (or 表四) begins: 表二 ends there. */
const ENDS_T2 = /本年新收|上年结转|申请人情况|自然人|行政复议/;

/** 表二 from the rows of the grids, or null when they hold none. */
export function matchT2(rows: readonly GridRow[]): ReportTable | null {
  let header: Header | null = null;
  let variant: T2Variant | null = null;
  const table: ReportTable = { kind: 't2', variant: '2019', start: Infinity, end: 0, cells: [], unparsed: [] };
  const done = new Set<string>();
  /** Data rows met before any header (a header row lost in conversion): read once the variant is known. */
  const headless: Array<{ row: GridRow; spec: string }> = [];
  let begun = false;
  for (const row of rows) {
    const all = row.cells.map((c) => c.key).join('');
    if (begun && ENDS_T2.test(all)) break;
    const h = headerOf(row);
    if (h) {
      const hv = variantOf(h);
      if (hv && variant && hv !== variant) table.unparsed.push(unparsedRow(row, `a ${hv} header in a ${variant} 表二`));
      else if (hv) {
        variant = hv;
        header = h;
        begun = true;
      }
      continue;
    }
    const spec = matchLabel(valueCells(row).labels.map((c) => c.key).join(''), ROW_SPECS, row.source === 'ocr');
    if (!spec) {
      // a row with figures inside 表二 that is no row of the form (an agency's own addition, a lost label) stays unread, named
      if (header && row.grid === header.grid && !isTextRow(row)) table.unparsed.push(unparsedRow(row, 'row label is no row of 表二'));
      continue;
    }
    if (!variant || !header) {
      if (!isTextRow(row)) headless.push({ row, spec: spec.id });
      continue;
    }
    begun = true;
    readInto(table, row, spec.id, variant, header, done);
  }
  variant ??= inferVariant(headless);
  if (variant) for (const { row, spec } of headless) readInto(table, row, spec, variant, null, done);
  else for (const { row, spec } of headless) table.unparsed.push(unparsedRow(row, `${spec}: no column header says which form (2019 or 2021) this 表二 is`));
  if (!variant || done.size < 2) return null;
  table.variant = variant;
  return table;
}

/**
 * The form of a 表二 whose headers were lost, from its rows: 2019 has
 * 其他对外管理服务事项 and 政府集中采购 and three values per 许可/处罚/强制 row;
 * 2021 has one. Null when the rows do not tell, or contradict each other.
 */
function inferVariant(rows: ReadonlyArray<{ row: GridRow; spec: string }>): T2Variant | null {
  const votes = new Set<T2Variant>();
  for (const { row, spec } of rows) {
    if (spec === 'other_services' || spec === 'procurement') votes.add('2019');
    if (spec === 'licensing' || spec === 'penalty' || spec === 'coercion') {
      const n = valueCells(row).values.filter((c) => c.value.kind === 'number').length;
      if (n >= 2) votes.add('2019');
      else if (n === 1) votes.add('2021');
    }
  }
  return votes.size === 1 ? ([...votes][0] as T2Variant) : null;
}

/** Reads one data row of 表二 into the table (or into `unparsed`, naming why). */
function readInto(table: ReportTable, row: GridRow, id: string, variant: T2Variant, header: Header | null, done: Set<string>): void {
  const cols = T2_COLS[variant][id];
  if (!cols) {
    table.unparsed.push(unparsedRow(row, `${id}: no such row in the ${variant} 表二`));
    return;
  }
  if (done.has(id)) {
    table.unparsed.push(unparsedRow(row, `${id}: a second row with the same label`));
    return;
  }
  const { labels, values } = valueCells(row);
  const cells = header ? readRow(row, values, cols, header) : fitValues(values, cols.length);
  if (!cells) {
    table.unparsed.push(unparsedRow(row, `${id}: value cells do not fit the columns ${cols.join('/')}`));
    return;
  }
  done.add(id);
  const rowLabel = labels.map((c) => c.cell.text).join(' ');
  cols.forEach((col, i) => {
    const c = cells[i] as RowCell;
    const colLabel = header?.cols.get(col)?.cell.text ?? T2_COL_LABELS[col] ?? col;
    const value = valueFor(id, col, c, header ? colLabel : '');
    if (value === undefined) {
      table.unparsed.push(unparsedRow(row, `${id}.${col}: "${c.cell.text.slice(0, 40)}" cannot be read as this cell (text, a negative count, or an amount whose unit no header or cell states)`));
      return;
    }
    table.cells.push(cellOf(c, id, col, rowLabel, colLabel, value));
  });
  table.start = Math.min(table.start, row.start);
  table.end = Math.max(table.end, row.end);
}

/** The row's cells for the template columns: at the header's positions, else in order. */
function readRow(row: GridRow, values: readonly RowCell[], cols: readonly string[], header: Header): RowCell[] | null {
  if (positional(row, header) && cols.every((c) => header.cols.has(c))) {
    const cells = cols.map((c) => row.covering((header.cols.get(c) as RowCell).cell.col));
    if (cells.every((c): c is RowCell => c !== undefined && c.cell.row === row.index && c.value.kind !== 'text')) return cells;
  }
  return fitValues(values, cols.length);
}

/** A cell's value in the template's unit, null when empty, undefined when it cannot be this cell's value. */
function valueFor(row: string, col: string, c: RowCell, colLabel: string): number | null | undefined {
  if (c.value.kind === 'empty') return null;
  if (c.value.kind === 'text') return undefined;
  const { value } = c.value;
  if (value < 0 && col !== 'delta') return undefined;
  if (row === 'procurement' && col === 'amount') return amountIn(value, c.value.unit ?? statedUnit(colLabel), '元') ?? undefined;
  if (col === 'amount_wan_yuan') return amountIn(value, c.value.unit ?? statedUnit(colLabel) ?? '万元', '万元') ?? undefined;
  return value;
}
