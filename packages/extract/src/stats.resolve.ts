/**
 * Values of 统计表 rows: the report year's column, mapped to catalogue keys.
 * Run-together digits (条20263542 = 2026 | 3542) are split only when one
 * reading stands out: it matches the narrative's statement of the same
 * metric, or it is the only one that keeps this year ≤ cumulative and child
 * ≤ parent, or both columns are equal (2121 = 21 | 21). Otherwise the row
 * is left unread rather than guessed.
 */
import type { Breakdown, CellHow, CellRef, Evidence, Resolution } from '@gongkai/core';
import { makeBreakdown, type PartRef } from './breakdown.build.ts';
import type { Doc, Found } from './doc.model.ts';
import { evidenceOf } from './doc.model.ts';
import { unitIn, valueIn } from './narrative.extract.ts';
import type { StatsRow, StatsTable } from './stats.rows.ts';

/** Row label → key; null = a row we know but that has no catalogue key (combined or unmapped categories). */
const ROW_KEYS: ReadonlyArray<readonly [RegExp, string | null]> = [
  [/^主动公开(?:政府)?(?:信息|文件)(?:数|总数)/u, 'proactive.total'],
  [/^(?:政府)?网站公开/u, 'proactive.channel.website'],
  [/^政府公报公开/u, 'proactive.channel.gazette'],
  [/信函、传真|传真、信函/u, null],
  [/^当面申请/u, 'requests.received.in_person'],
  [/^传真申请/u, 'requests.received.fax'],
  [/^电子邮件申请/u, 'requests.received.email'],
  [/^(?:网上|网络)申请/u, 'requests.received.online'],
  [/^信函申请/u, 'requests.received.letter'],
  [/^其[它他]形式申请/u, 'requests.received.other'],
  [/^(?:受理|收到).*申请.*(?:总数|数)$|^依申请公开.*总数$/u, 'requests.received.total'],
  [/^同意公开答复/u, 'requests.outcome.granted'],
  [/^同意部分公开答复/u, 'requests.outcome.partial'],
  [/^(?:否决|不予|不同意)公开答复/u, 'requests.outcome.refused.total'],
  [/^其他类型答复/u, null],
  [/答复(?:总)?数$/u, 'requests.outcome.total'],
  // complaints by meaning: the national 举报投诉数量, Fujian's 接受行政诉讼、举报数 /
  // 接受行政申诉、举报数, older 行政申诉数; a label that also names 复议 is a combined row
  [/复议.*(?:举报|投诉|申诉)|(?:举报|投诉|申诉).*复议/u, null],
  [/举报|投诉|申诉/u, 'complaints.total'],
  [/^行政复议/u, 'review.total'],
  [/^行政诉讼/u, 'litigation.total'],
  // 收费减免金额 is the fees waived or reduced, not the fees charged: a known row without a key
  [/减免/u, null],
  [/收费金额|收取的费用/u, 'fees.amount_wan_yuan'],
];

export function statsKey(label: string): string | null {
  for (const [re, key] of ROW_KEYS) if (re.test(label)) return key;
  return null;
}

type Reading = [number, number | null];

function validNumber(s: string): boolean {
  return s.length > 0 && (s === '0' || !s.startsWith('0'));
}

/**
 * Every reading of a digit run as [this year, cumulative], whatever the
 * order of the two numbers: a publisher may leave the cumulative cell empty
 * or print one smaller than the year's figure (740 = 74 | 0 beside prose
 * that says 74), so this-year ≤ cumulative is a preference, not a proof.
 * A run of two or more digits may also be this year's figure alone beside an
 * empty cumulative cell ([740, null]); only the prose or a parent row can
 * pick that reading.
 */
export function allReadings(digits: string, columns: number): Reading[] {
  const parts = digits.split(/\s+/u).filter(Boolean);
  if (parts.length >= 2) return [[Number(parts[0]), Number(parts[1])]];
  const s = parts[0] ?? '';
  if (columns === 1 || s.length === 1) return validNumber(s) ? [[Number(s), null]] : [];
  const out: Reading[] = [];
  for (let i = 1; i < s.length; i++) {
    const a = s.slice(0, i);
    const b = s.slice(i);
    if (validNumber(a) && validNumber(b)) out.push([Number(a), Number(b)]);
  }
  if (validNumber(s)) out.push([Number(s), null]);
  return out;
}

/** The readings that fill both cells and keep this year ≤ cumulative (a lone reading is kept as it is). */
export function readings(digits: string, columns: number): Reading[] {
  const all = allReadings(digits, columns);
  return all.length <= 1 ? all : all.filter(ordered);
}

/** Both cells printed, this year ≤ cumulative. */
function ordered([a, b]: Reading): boolean {
  return b !== null && a <= b;
}

/** How a row was read, or why not: `contradicted` when the table's constraints chose a reading the prose refutes. */
export type Pick =
  | { reading: Reading; method: Resolution['method'] | null }
  | { reading: null; contradicted: boolean };

/**
 * One reading of a run and what settled it (null method: the digits allow
 * only that one). `all` is every reading (allReadings). In this order:
 * - the prose: exactly one reading whose this-year figure the narrative
 *   states wins, even against this-year ≤ cumulative; two or more → unread;
 * - the table: this-year ≤ cumulative, child ≤ parent in both columns, then
 *   equal columns. The first is dropped when `orderDoubted` (the parent row
 *   breaks it itself, or its own constraint-chosen reading was refuted by
 *   the prose: the cumulative column is empty or a slip there);
 * a reading that this-year ≤ cumulative chose is still dropped when the
 * prose states figures for the row and neither of its numbers is one of
 * them: that order assumes both cells were printed right, the prose is what
 * the publisher wrote about the year. A reading the digits and child ≤
 * parent settle without that order stands against the prose (a conflict).
 */
export function pickReading(
  all: readonly Reading[],
  stated: ReadonlySet<number>,
  parent: Reading | null,
  orderDoubted = false,
): Pick {
  if (all.length <= 1) return all[0] ? { reading: all[0], method: null } : { reading: null, contradicted: false };
  const byText = all.filter(([a]) => stated.has(a));
  if (byText.length === 1) return { reading: byText[0] as Reading, method: 'narrative' };
  if (byText.length > 1) return { reading: null, contradicted: false };
  const byTable = constrained(all, parent, orderDoubted || (parent !== null && !ordered(parent)));
  if (!byTable) return { reading: null, contradicted: false };
  const [r0, r1] = byTable.reading;
  if (stated.size > 0 && !stated.has(r0) && !(r1 !== null && stated.has(r1))) {
    // only a choice that rests on this-year ≤ cumulative is refuted (that order assumes both cells printed
    // right); one the digits and child ≤ parent settle alone stands, and the prose's other figure is a
    // conflict for validation to report (网上申请数条44 under 7|28 is 4|4 whatever the prose says)
    const loose = constrained(all, parent, true);
    if (!loose || loose.reading !== byTable.reading) return { reading: null, contradicted: true };
  }
  return byTable;
}

function constrained(all: readonly Reading[], parent: Reading | null, orderDoubted: boolean): { reading: Reading; method: Resolution['method'] | null } | null {
  const options = orderDoubted ? all : all.filter(ordered);
  if (options.length === 1 && !orderDoubted) {
    const only = options[0] as Reading;
    const within = !parent || (only[0] <= parent[0] && (only[1] === null || parent[1] === null || only[1] <= parent[1]));
    return within ? { reading: only, method: null } : null;
  }
  const fits = parent
    ? options.filter(([a, b]) => a <= parent[0] && (b === null || parent[1] === null || b <= parent[1]))
    : options;
  if (fits.length === 1) return { reading: fits[0] as Reading, method: 'table' };
  const equal = fits.filter(([a, b]) => a === b);
  if (equal.length === 1) return { reading: equal[0] as Reading, method: 'equal_columns' };
  return null;
}

/** Picks one reading, or null when the digits stay ambiguous. */
export function chooseReading(all: readonly Reading[], stated: ReadonlySet<number>, parent: Reading | null): Reading | null {
  return pickReading(all, stated, parent).reading;
}

const HOW: Record<Resolution['method'], string> = {
  narrative: 'the narrative states this year’s figure',
  table: 'it is the only split that keeps the row within its parent row',
  equal_columns: 'it is the only split whose two columns are equal',
};

function resolutionOf(row: StatsRow, reading: Reading, method: Resolution['method'], corroboration: readonly Evidence[]): Resolution {
  const split = reading[1] === null ? [reading[0]] : [reading[0], reading[1]];
  return {
    method, raw: row.digits, split,
    note: `统计表 prints ${row.digits} for ${row.label} (this year | cumulative); read as ${split.join(' | ')} because ${HOW[method]}`,
    ...(method === 'narrative' ? { corroboration: [...corroboration] } : {}),
  };
}

/**
 * The 统计表 cell a figure came from (its row label, the this-year column)
 * and how it was read: a run split by the prose is 'narrative', by the
 * table's own arithmetic 'solver-unique'; figures the digits give alone are
 * 'structure' when the cells were apart, 'solver-unique' when run together.
 */
function statsCell(row: StatsRow, columns: number, method: Resolution['method'] | null): CellRef {
  const apart = columns === 1 || /\s/u.test(row.digits.trim());
  const how: CellHow = method === 'narrative' ? 'narrative' : method !== null ? 'solver-unique' : apart ? 'structure' : 'solver-unique';
  return { table: 'stats', row: row.label, col: '本年', rowLabel: row.label, colLabel: columns === 1 ? '统计数' : '本年', how };
}

export interface StatsResult {
  found: Found[];
  breakdowns: Breakdown[];
  /**
   * Keys of rows located here but left unread (ambiguous, or a reading the
   * prose refutes): another reader of the same table must not fill them
   * with what the constraints alone would give.
   */
  unread: Set<string>;
}

/** `stated(key)` gives the narrative's statements of a key (value → where). */
export function resolveStats(doc: Doc, tables: readonly StatsTable[], stated: (key: string) => ReadonlyMap<number, Evidence>): StatsResult {
  const found: Found[] = [];
  const breakdowns: Breakdown[] = [];
  const unread = new Set<string>();
  for (const table of tables) {
    const values: Array<[number, number | null] | null> = [];
    const refuted: boolean[] = [];
    table.rows.forEach((row, i) => {
      const key = statsKey(row.label);
      const parent = row.parent !== null ? (values[row.parent] ?? null) : null;
      const said = key ? stated(key) : new Map<number, Evidence>();
      const doubted = row.parent !== null && refuted[row.parent] === true;
      const picked = pickReading(allReadings(row.digits, table.columns), new Set(said.keys()), parent, doubted);
      values[i] = picked.reading;
      if (picked.reading === null) {
        refuted[i] = picked.contradicted;
        if (key) unread.add(key);
        return;
      }
      const reading = picked.reading;
      if (!key) return;
      const byText = said.get(reading[0]);
      found.push({
        key, value: valueIn(key, reading[0], row.unit), unit: unitIn(key, row.unit), approx: false,
        evidence: { ...evidenceOf(doc, row), cell: statsCell(row, table.columns, picked.method) }, source: 'table', rank: 4, stated: true, at: row.start,
        ...(picked.method ? { resolution: resolutionOf(row, reading, picked.method, byText ? [byText] : []) } : {}),
      });
    });
    breakdowns.push(...childLists(doc, table, values));
  }
  for (const f of found) unread.delete(f.key);
  return { found, breakdowns, unread };
}

function childLists(doc: Doc, table: StatsTable, values: ReadonlyArray<[number, number | null] | null>): Breakdown[] {
  const out: Breakdown[] = [];
  table.rows.forEach((row, i) => {
    const children = table.rows.map((r, j) => [r, j] as const).filter(([r]) => r.parent === i);
    const total = values[i];
    if (children.length < 2 || !total) return;
    const parts: PartRef[] = [];
    for (const [child, j] of children) {
      const v = values[j];
      if (!v) return;
      parts.push({ value: v[0], at: child.start, start: child.start, end: child.end, label: child.label });
    }
    const keyAt = (at: number) => {
      const r = table.rows.find((x: StatsRow) => x.start === at);
      return r ? (statsKey(r.label) ?? undefined) : undefined;
    };
    out.push(makeBreakdown(doc, { value: total[0], at: row.start, start: row.start, end: row.end }, parts, keyAt));
  });
  return out;
}
