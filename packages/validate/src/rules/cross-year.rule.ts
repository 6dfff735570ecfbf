/**
 * Cross-year rules: this report against the same agency's report of the year
 * before (the stage context `neighbours`, loaded by the worker; see
 * context.types.ts). A finding stands on the later year's report, the one
 * whose figure the earlier report predicts, and quotes both: its first
 * evidence is in this report, the others carry the other report's id and year.
 *
 * - CROSS_YEAR_CARRY: 上年结转 (Y) = 结转下年度 (Y−1) (表三, 2019+).
 * - T2_STOCK: 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y) = 现行有效 (Y), for
 *   规章 and 行政规范性文件 (表二 of the 2021 form, the only form with a stock).
 * - CROSS_YEAR_CUMULATIVE: a 2008-era 统计表 row's 历年累计 (Y) = 历年累计 (Y−1)
 *   + this year's figure (Y), row by row where both tables print the row.
 * - SERIES_BREAK (info): a figure ten times larger or smaller than the year
 *   before: a unit or scope change, or a misread, worth a look.
 */
import type { Evidence, Finding, Metric, NeighbourReport, TableCell } from '@gongkai/core';
import { clip, fmt } from '../format.helpers.ts';
import { finding, type RuleContext } from '../validate.context.ts';

/** Evidence in another report: its quote, offsets into its text, its id and year. */
function otherEv(n: NeighbourReport, e: Pick<Evidence, 'quote' | 'start' | 'end' | 'section'>): Evidence {
  return { quote: e.quote, start: e.start, end: e.end, section: e.section, reportId: n.reportId, year: n.year };
}

function named(n: NeighbourReport): string {
  return `the ${n.year} report (${n.reportId.slice(0, 12)})`;
}

/** The first of `keys` the metrics state. */
function firstMetric(metrics: readonly Metric[], keys: readonly string[]): Metric | undefined {
  for (const k of keys) {
    const m = metrics.find((x) => x.key === k);
    if (m) return m;
  }
  return undefined;
}

const CARRIED_OVER = ['requests.carried_over', 't3.carried_over.total'];
const CARRIED_FORWARD = ['requests.carried_forward', 't3.carried_forward.total'];

function checkCarry(ctx: RuleContext, prev: NeighbourReport): Finding[] {
  const now = firstMetric(ctx.input.extract.metrics, CARRIED_OVER);
  const before = firstMetric(prev.metrics, CARRIED_FORWARD);
  if (!now || !before || now.approx || before.approx || now.value === before.value) return [];
  return [
    finding(
      'CROSS_YEAR_CARRY',
      `上年结转 ${fmt(now.value)} differs from 结转下年度 ${fmt(before.value)} in ${named(prev)}`,
      [now.evidence, otherEv(prev, before.evidence)],
      { carriedOver: now.value, previousCarriedForward: before.value, previousReportId: prev.reportId, previousYear: prev.year },
    ),
  ];
}

const STOCKS = [
  { row: 'rules', label: '规章' },
  { row: 'normative_docs', label: '行政规范性文件' },
] as const;

function checkStock(ctx: RuleContext, prev: NeighbourReport): Finding[] {
  const out: Finding[] = [];
  const metrics = ctx.input.extract.metrics;
  for (const { row, label } of STOCKS) {
    const before = prev.metrics.find((m) => m.key === `t2.${row}.in_force`);
    const issued = metrics.find((m) => m.key === `t2.${row}.issued`);
    const repealed = metrics.find((m) => m.key === `t2.${row}.repealed`);
    const now = metrics.find((m) => m.key === `t2.${row}.in_force`);
    if (!before || !issued || !repealed || !now) continue;
    const expected = before.value + issued.value - repealed.value;
    if (expected === now.value) continue;
    out.push(
      finding(
        'T2_STOCK',
        `${label} 现行有效 ${fmt(now.value)}, but ${fmt(before.value)} in force in ${named(prev)} + ${fmt(issued.value)} 制发 − ${fmt(repealed.value)} 废止 = ${fmt(expected)}`,
        [now.evidence, issued.evidence, repealed.evidence, otherEv(prev, before.evidence)],
        { row, inForce: now.value, expected, previousInForce: before.value, issued: issued.value, repealed: repealed.value, previousReportId: prev.reportId, previousYear: prev.year },
      ),
    );
  }
  return out;
}

/** A 统计表 row label without spaces, numbering (其中：1.) and the unit, so two years' rows match. */
export function statsRowKey(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/^其中[:：]?/, '')
    .replace(/^[（(]?\d{1,2}[)）.、．]?/, '')
    .replace(/(条|件|次|人|个|元|万元|人次)$/, '');
}

const CUMULATIVE = /累计/;

interface StatsRow { thisYear?: TableCell; cumulative?: TableCell; label: string }

function statsRows(cells: readonly TableCell[]): Map<string, StatsRow> {
  const rows = new Map<string, StatsRow>();
  for (const c of cells) {
    const key = statsRowKey(c.rowLabel ?? c.row);
    const r = rows.get(key) ?? { label: c.rowLabel ?? c.row };
    if (CUMULATIVE.test(c.colLabel ?? c.col)) r.cumulative ??= c;
    else r.thisYear ??= c;
    rows.set(key, r);
  }
  return rows;
}

function cellEv(c: TableCell, section: string | null = null): Pick<Evidence, 'quote' | 'start' | 'end' | 'section'> {
  return { quote: c.raw, start: c.start, end: c.end, section };
}

function checkCumulative(ctx: RuleContext, prev: NeighbourReport): Finding[] {
  const mine = ctx.input.segment.tables.filter((t) => t.kind === 'stats').flatMap((t) => t.cells);
  if (mine.length === 0 || prev.stats.length === 0) return [];
  const before = statsRows(prev.stats);
  const out: Finding[] = [];
  for (const [key, row] of statsRows(mine)) {
    const p = before.get(key);
    const cum = row.cumulative?.value;
    const add = row.thisYear?.value;
    const prevCum = p?.cumulative?.value;
    if (cum == null || add == null || prevCum == null || !row.cumulative || !row.thisYear || !p?.cumulative) continue;
    if (row.cumulative.ambiguous || row.thisYear.ambiguous || p.cumulative.ambiguous) continue;
    if (prevCum + add === cum) continue;
    out.push(
      finding(
        'CROSS_YEAR_CUMULATIVE',
        `统计表 ${row.label}: 历年累计 ${fmt(cum)}, but ${fmt(prevCum)} 历年累计 in ${named(prev)} + ${fmt(add)} this year = ${fmt(prevCum + add)}`,
        [ctx.ev(row.cumulative.start, row.cumulative.end), otherEv(prev, cellEv(p.cumulative))],
        { row: row.label, cumulative: cum, thisYear: add, previousCumulative: prevCum, expected: prevCum + add, previousReportId: prev.reportId, previousYear: prev.year },
      ),
    );
  }
  return out;
}

/** Below this (in both years) a tenfold change is ordinary (2 → 25 requests). */
const BREAK_FLOOR = 50;

function checkSeriesBreaks(ctx: RuleContext, prev: NeighbourReport): Finding[] {
  const out: Finding[] = [];
  const before = new Map(prev.metrics.map((m) => [m.key, m]));
  for (const now of ctx.input.extract.metrics) {
    const p = before.get(now.key);
    if (!p || now.source === 'derived' || p.source === 'derived' || now.unit !== p.unit) continue;
    if (now.value <= 0 || p.value <= 0 || Math.max(now.value, p.value) < BREAK_FLOOR) continue;
    const ratio = now.value / p.value;
    if (ratio < 10 && ratio > 0.1) continue;
    out.push(
      finding(
        'SERIES_BREAK',
        `${now.key} is ${fmt(now.value)}${now.unit}, ${ratio >= 10 ? `${fmt(Math.round(ratio * 10) / 10)} times` : `1/${fmt(Math.round(10 / ratio) / 10)} of`} the ${fmt(p.value)}${p.unit} of ${named(prev)} («${clip(p.evidence.quote, 30)}»)`,
        [now.evidence, otherEv(prev, p.evidence)],
        { key: now.key, value: now.value, previousValue: p.value, previousReportId: prev.reportId, previousYear: prev.year },
      ),
    );
  }
  return out;
}

/** Every cross-year finding against each report of the year before (several when that year has duplicates). */
export function checkCrossYear(ctx: RuleContext): Finding[] {
  const year = ctx.input.segment.meta.year;
  if (year === null) return [];
  const previous = (ctx.input.neighbours ?? []).filter((n) => n.year === year - 1).sort((a, b) => a.reportId.localeCompare(b.reportId));
  return previous.flatMap((prev) => [...checkCarry(ctx, prev), ...checkStock(ctx, prev), ...checkCumulative(ctx, prev), ...checkSeriesBreaks(ctx, prev)]);
}
