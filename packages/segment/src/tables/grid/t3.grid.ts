/**
 * 表三 read from grids (DOMAIN.md 2.2): rows by label meaning, columns by
 * the header (自然人 … 总计) where the grid keeps positions, by order where
 * it does not (Markdown: the last seven value cells). Rows whose label was
 * lost are placed by position between labelled rows, only when exactly one
 * set of template rows fits the gap, and are kept only when the table's
 * identities hold with them; so are rows of an OCR'd grid whose label means
 * no row (a label misread beyond matching). A row that cannot be placed goes
 * to `unparsed`.
 */
import { T3_COLUMNS, type ReportTable } from '@gongkai/core';
import { isTextRow, valueCells, type GridRow, type RowCell } from './grid.rows.ts';
import { matchLabel, specs, type LabelSpec } from './labels.match.ts';
import { T3_GROUPS } from '../solve/t3.identities.ts';
import { deriveSums } from '../t3.sums.ts';
import { cellOf, unparsedRow } from './table.cells.ts';

const COLS = T3_COLUMNS.map((c) => c.id);

/** Template rows in print order; `sum` marks group rows a report may leave out, `v2021` the 2021-only rows. */
const ROWS: ReadonlyArray<{ id: string; keys: readonly string[]; sum?: true; v2021?: true }> = [
  { id: 'new_received', keys: ['本年新收政府信息公开申请数量', '本年新收'] },
  { id: 'carried_over', keys: ['上年结转政府信息公开申请数量', '上年结转'] },
  { id: 'granted', keys: ['予以公开'] },
  { id: 'partial', keys: ['部分公开'] },
  { id: 'refused.sum', keys: ['不予公开'], sum: true },
  { id: 'refused.state_secret', keys: ['属于国家秘密', '国家秘密'] },
  { id: 'refused.law_forbidden', keys: ['其他法律行政法规禁止公开', '法律行政法规禁止公开', '禁止公开', '其他法律'] },
  { id: 'refused.three_safety_one_stability', keys: ['三安全一稳定'] },
  { id: 'refused.third_party', keys: ['第三方合法权益'] },
  { id: 'refused.internal_affairs', keys: ['三类内部事务'] },
  { id: 'refused.process_info', keys: ['四类过程性'] },
  { id: 'refused.enforcement_file', keys: ['行政执法案卷'] },
  { id: 'refused.admin_query', keys: ['行政查询事项'] },
  { id: 'unable.sum', keys: ['无法提供'], sum: true },
  { id: 'unable.not_held', keys: ['不掌握相关政府信息', '不掌握'] },
  { id: 'unable.needs_creation', keys: ['另行制作'] },
  { id: 'unable.unclear_after_amend', keys: ['仍不明确'] },
  { id: 'not_processed.sum', keys: ['不予处理'], sum: true },
  { id: 'not_processed.petition_complaint', keys: ['信访举报投诉'] },
  { id: 'not_processed.repeat', keys: ['重复申请'] },
  { id: 'not_processed.publication', keys: ['公开出版物'] },
  { id: 'not_processed.mass_repeat', keys: ['大量反复'] },
  { id: 'not_processed.confirm_or_reissue', keys: ['确认或重新出具', '重新出具'] },
  { id: 'other.sum', keys: ['其他处理'], sum: true },
  { id: 'other.no_amend_overdue', keys: ['逾期不补正'], v2021: true },
  { id: 'other.fee_unpaid', keys: ['收费通知', '缴纳费用'], v2021: true },
  { id: 'other.other', keys: ['其他'], v2021: true },
  { id: 'total', keys: ['总计', '合计'] },
  { id: 'carried_forward', keys: ['结转下年度'] },
];
const ROW_SPECS = specs(ROWS);
const ORDER = new Map(ROWS.map((r, i) => [r.id, i]));
const IS_SUM = new Set(ROWS.filter((r) => r.sum).map((r) => r.id));
const V2021 = new Set(ROWS.filter((r) => r.v2021).map((r) => r.id));
/** Sub-row labels that only mean their row inside their group (3.其他 under （六）其他处理). */
const GROUP_OF: Record<string, string> = { 'other.other': 'other' };

const COL_SPECS = specs([
  { id: 'natural', keys: ['自然人'] },
  { id: 'commercial', keys: ['商业企业'] },
  { id: 'research', keys: ['科研机构'] },
  { id: 'public_interest', keys: ['社会公益组织', '公益组织'] },
  { id: 'legal_services', keys: ['法律服务机构'] },
  { id: 'org_other', keys: ['其他'] },
  { id: 'total', keys: ['总计', '合计'] },
]);

/** True when a row holds 表三's column header (at least four of its seven column labels). */
export function isT3Header(row: GridRow): boolean {
  if (!isTextRow(row)) return false;
  const found = new Set(row.cells.map((c) => matchLabel(c.key, COL_SPECS)?.id).filter((x) => x !== undefined));
  return found.size >= 4 || (found.has('natural') && found.has('total'));
}

/** Header columns: T3 column id → grid column, from the header rows of one grid (leaf labels win over group labels). */
function headerColumns(rows: readonly GridRow[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) {
    for (const c of row.cells) {
      const id = matchLabel(c.key, COL_SPECS)?.id;
      // 法人或其他组织 spans the five organisation columns: it is no column of its own
      if (!id || c.key.includes('法人或其他组织') || c.cell.colSpan > 1) continue;
      map.set(id, c.cell.col);
    }
  }
  return map;
}

interface Placed {
  id: string;
  row: GridRow;
  values: RowCell[];
  byPosition: boolean;
}

/** The seven value cells of a data row: by header position when the grid keeps it, else the last seven values. */
function sevenValues(row: GridRow, header: Map<string, number> | undefined): RowCell[] | null {
  if (header && header.size === 7 && row.source !== 'markdown' && row.source !== 'text') {
    const cells = COLS.map((id) => row.covering(header.get(id) as number));
    if (cells.every((c): c is RowCell => c !== undefined && c.cell.row === row.index && c.value.kind !== 'text')) return cells;
  }
  const { values } = valueCells(row);
  if (values.length < 7) return null;
  const extra = values.slice(0, values.length - 7);
  // extra leading cells (a split label, a row number) must hold nothing
  if (extra.some((c) => c.value.kind === 'number')) return null;
  return values.slice(values.length - 7);
}

type Grid = Map<string, Array<number | null>>;

function valuesOf(p: Placed): Array<number | null> {
  return p.values.map((c) => (c.value.kind === 'number' ? c.value.value : null));
}

/** One term of a linear identity: coef × the value at (row, column). */
interface Term {
  row: string;
  col: number;
  coef: 1 | -1;
}

/** A failed identity: its terms, its residual (Σ coef × value ≠ 0) and what it says. */
export interface Failure {
  terms: Term[];
  residual: number;
  what: string;
}

/**
 * The identities of 表三 (DOMAIN.md 2.2 #1–4) as linear equations Σ coef ×
 * value = 0 over an assignment, and those that fail (only equations whose
 * every term is known are checked).
 */
export function failures(a: Grid, variant: '2019' | '2021'): Failure[] {
  const out: Failure[] = [];
  const val = (t: Term) => a.get(t.row)?.[t.col];
  const check = (terms: Term[], what: string) => {
    const vals = terms.map(val);
    if (!vals.every((x): x is number => typeof x === 'number')) return;
    const residual = vals.reduce((s, x, i) => s + x * (terms[i] as Term).coef, 0);
    if (residual !== 0) out.push({ terms, residual, what });
  };
  const plus = (row: string, col: number): Term => ({ row, col, coef: 1 });
  const minus = (row: string, col: number): Term => ({ row, col, coef: -1 });
  for (const row of a.keys()) check([...[0, 1, 2, 3, 4, 5].map((c) => plus(row, c)), minus(row, 6)], `${row}: 总计 ≠ the sum of the six columns`);
  for (let c = 0; c < 7; c++) {
    const outcome: Term[] = [plus('granted', c), plus('partial', c)];
    for (const [g, subs] of Object.entries(T3_GROUPS)) {
      const ids = g === 'other' && variant === '2019' ? [] : subs.map((x) => `${g}.${x}`);
      if (a.has(`${g}.sum`)) {
        outcome.push(plus(`${g}.sum`, c));
        if (ids.length > 0) check([...ids.map((id) => plus(id, c)), minus(`${g}.sum`, c)], `${g}: the sum row ≠ its sub-rows (column ${COLS[c]})`);
      } else outcome.push(...ids.map((id) => plus(id, c)));
    }
    check([...outcome, minus('total', c)], `总计 ≠ the sum of the outcomes (column ${COLS[c]})`);
    check([plus('new_received', c), plus('carried_over', c), minus('total', c), minus('carried_forward', c)], `新收 + 上年结转 ≠ 总计 + 结转下年度 (column ${COLS[c]})`);
  }
  return out;
}

/**
 * True when a failed identity speaks against a row's placement: another
 * non-negative value in one of the row's cells would make it hold. When no
 * value of the row could (the report's own figures already break it), the
 * failure is the report's, not the placement's.
 */
function blames(f: Failure, row: string, a: Grid): boolean {
  return f.terms.some((t) => {
    if (t.row !== row) return false;
    const v = a.get(row)?.[t.col];
    if (typeof v !== 'number') return false;
    const needed = v - f.residual * t.coef;
    return needed >= 0 && Number.isInteger(needed);
  });
}

/** Fills runs of unlabelled data rows between two labelled ones, when exactly one set of template rows fits. */
function placeGaps(items: Array<{ row: GridRow; values: RowCell[]; id: string | null }>, variant: '2019' | '2021'): void {
  const template = ROWS.filter((r) => variant === '2021' || !r.v2021).map((r) => r.id);
  let i = 0;
  while (i < items.length) {
    if (items[i]?.id !== null) {
      i++;
      continue;
    }
    let j = i;
    while (j < items.length && items[j]?.id === null) j++;
    const before = i > 0 ? (ORDER.get(items[i - 1]?.id as string) ?? -1) : -1;
    const after = j < items.length ? (ORDER.get(items[j]?.id as string) ?? ROWS.length) : ROWS.length;
    const between = template.filter((id) => (ORDER.get(id) as number) > before && (ORDER.get(id) as number) < after);
    const noSums = between.filter((id) => !IS_SUM.has(id));
    const k = j - i;
    const fits = [between, noSums].filter((set) => set.length === k);
    const unique = fits.length === 1 || (fits.length === 2 && between.length === noSums.length);
    if (unique && fits[0]) fits[0].forEach((id, n) => ((items[i + n] as { id: string | null }).id = id));
    i = j;
  }
}

/**
 * Index of 表三's first data row: the row labelled 本年新收, or — when that
 * label was lost — the first row with a number under 表三's column header.
 */
function firstRow(rows: readonly GridRow[]): number {
  const labelled = rows.findIndex((r) => matchLabel(valueCells(r).labels.map((c) => c.key).join(''), ROW_SPECS, r.source === 'ocr')?.id === 'new_received');
  const header = rows.findIndex(isT3Header);
  if (header < 0 || (labelled >= 0 && labelled < header)) return labelled;
  const data = rows.findIndex((r, i) => i > header && !isTextRow(r));
  return labelled >= 0 && labelled <= data ? labelled : data;
}

/** 表三 from the rows of the grids, or null when they hold no 表三. */
export function matchT3(rows: readonly GridRow[]): ReportTable | null {
  const first = firstRow(rows);
  if (first < 0) return null;
  // the header sits above the first row; the table ends at 结转下年度 or where 表四 begins
  const headers = new Map<number, Map<string, number>>();
  for (let k = first - 1; k >= 0 && k >= first - 6; k--) {
    const r = rows[k] as GridRow;
    if (isT3Header(r)) headers.set(r.grid, headerColumns(rows.slice(k, first).filter((x) => x.grid === r.grid)));
  }
  const items: Array<{ row: GridRow; values: RowCell[]; id: string | null }> = [];
  const table: ReportTable = { kind: 't3', variant: '2019', start: (rows[first] as GridRow).start, end: (rows[first] as GridRow).end, cells: [], unparsed: [] };
  let pendingLabel: { key: string; row: GridRow } | null = null;
  let lastGroup = '';
  let variant: '2019' | '2021' = '2019';
  for (let k = first; k < rows.length; k++) {
    const row = rows[k] as GridRow;
    if (isT3Header(row)) {
      const block = [row];
      while (k + 1 < rows.length && isTextRow(rows[k + 1] as GridRow) && isT3Header(rows[k + 1] as GridRow)) block.push(rows[++k] as GridRow);
      headers.set(row.grid, headerColumns(block));
      continue;
    }
    const { labels } = valueCells(row);
    const label = labels.map((c) => c.key).join('');
    if (/行政复议|维持|纠正/.test(label)) break;
    let values = sevenValues(row, headers.get(row.grid));
    const next = rows[k + 1];
    if (values === null && !isTextRow(row) && next && next.grid === row.grid) {
      // a row broken over two lines: the second line has no label, the two together hold the seven values
      const rest = valueCells(next);
      const joined = [...valueCells(row).values, ...rest.values];
      if (rest.labels.length === 0 && joined.length >= 7 && !joined.slice(0, joined.length - 7).some((c) => c.value.kind === 'number')) {
        values = joined.slice(joined.length - 7);
        k++;
      }
    }
    let spec: LabelSpec | null = label === '' ? null : matchLabel(label, ROW_SPECS, row.source === 'ocr');
    if (spec && GROUP_OF[spec.id] && lastGroup !== GROUP_OF[spec.id]) spec = null;
    if (values === null) {
      if (isTextRow(row) && spec && !IS_SUM.has(spec.id)) pendingLabel = { key: label, row };
      else if (!isTextRow(row)) table.unparsed.push(unparsedRow(row, `${spec?.id ?? 'row'}: not seven value cells`));
      continue;
    }
    if (!spec && pendingLabel) spec = matchLabel(pendingLabel.key, ROW_SPECS, pendingLabel.row.source === 'ocr');
    pendingLabel = null;
    if (spec) {
      lastGroup = spec.id.split('.')[0] as string;
      if (V2021.has(spec.id)) variant = '2021';
    }
    // an OCR'd label that means no row was most likely misread (出版物 read as 这生人): the row is placed by position, as a row whose label was lost
    if (spec === null && label !== '' && row.source !== 'ocr') {
      table.unparsed.push(unparsedRow(row, `row label "${labels.map((c) => c.cell.text).join(' ')}" is no row of 表三`));
      continue;
    }
    items.push({ row, values, id: spec?.id ?? null });
    if (spec?.id === 'carried_forward') break;
  }
  if (items.filter((x) => x.id !== null).length < 4) return null;
  table.variant = variant;
  const byPosition = new Set(items.filter((x) => x.id === null));
  placeGaps(items, variant);
  const placed: Placed[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    if (it.id === null) {
      table.unparsed.push(unparsedRow(it.row, 'row without a label that no single template row fits'));
      continue;
    }
    if (seen.has(it.id)) {
      table.unparsed.push(unparsedRow(it.row, `${it.id}: a second row with the same label`));
      continue;
    }
    seen.add(it.id);
    placed.push({ id: it.id, row: it.row, values: it.values, byPosition: byPosition.has(it) });
  }
  // rows placed by position stay only when every identity they take part in holds
  let assignment: Grid = new Map(placed.map((p) => [p.id, valuesOf(p)]));
  const failed = failures(assignment, variant);
  for (const f of failed) {
    for (const p of placed.filter((x) => x.byPosition && blames(f, x.id, assignment))) {
      if (!assignment.has(p.id)) continue;
      assignment.delete(p.id);
      table.unparsed.push(unparsedRow(p.row, `placed by position as ${p.id} but ${f.what}`));
    }
  }
  assignment = new Map([...assignment]);
  for (const p of placed) {
    if (!assignment.has(p.id)) continue;
    const rowLabel = valueCells(p.row).labels.map((c) => c.cell.text).join(' ');
    p.values.forEach((c, i) => {
      const col = COLS[i] as string;
      table.cells.push(cellOf(c, p.id, col, rowLabel, T3_COLUMNS[i]?.label ?? col));
    });
    table.start = Math.min(table.start, p.row.start);
    table.end = Math.max(table.end, p.row.end, ...p.values.map((c) => c.cell.end));
  }
  deriveSums(table, variant);
  return table;
}

