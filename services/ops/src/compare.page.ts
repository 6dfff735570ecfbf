import { RATES, figureDef } from '@gongkai/core';
import type { FigureValue, TableRow } from '@gongkai/store';
import { escapeHtml as e } from './evidence.highlight.ts';
import { agencyHref, dataBlock, evidenceHref, evidenceText, formatFigure, layout } from './agencies.layout.ts';
import { CHART_SCRIPTS } from './agencies.assets.ts';

/** The columns of the comparison table: key figures of both eras, then every rate. */
export const COMPARE_COLUMNS: readonly string[] = [
  'requests.received.total', 'requests.outcome.total', 'requests.outcome.granted', 'requests.outcome.partial', 'requests.carried_forward',
  'proactive.total', 'review.total', 'litigation.total',
  ...RATES.filter((r) => r.key !== 'rate.new_requests').map((r) => r.key),
];

export interface ComparePageInput {
  years: number[];
  year: number | null;
  metric: string;
  order: 'asc' | 'desc';
  columns: readonly string[];
  table: { rows: TableRow[]; missing: TableRow[] };
}

const label = (f: string) => figureDef(f)?.label.zh ?? f;

function cell(row: TableRow, f: string): string {
  const v: FigureValue | null | undefined = row.values[f];
  if (!v) return `<td class="num missing" data-figure="${e(f)}">—</td>`;
  const quote = evidenceText(v.evidence);
  return `<td class="num" data-figure="${e(f)}"><a href="${e(evidenceHref(row.reportId, v.evidence))}" title="${e(quote)}">${e(formatFigure(v.value, figureDef(f)?.unit ?? '', v.approx))}</a></td>`;
}

/**
 * Agencies side by side in one year: a bar chart of the chosen figure and a
 * table of key figures and rates, sorted by any column (its header links to
 * the same page sorted by it); the reports that do not state the figure are
 * listed apart, never ranked as 0.
 */
export function comparePage(p: ComparePageInput): string {
  const def = figureDef(p.metric);
  const yearOpts = p.years.map((y) => `<option${y === p.year ? ' selected' : ''}>${y}</option>`).join('');
  const figOpts = p.columns.map((f) => `<option value="${e(f)}"${f === p.metric ? ' selected' : ''}>${e(label(f))} (${e(f)})</option>`).join('');
  const sortHref = (f: string) => {
    const order = f === p.metric && p.order === 'desc' ? 'asc' : 'desc';
    return `/compare?year=${p.year ?? ''}&metric=${encodeURIComponent(f)}&order=${order}`;
  };
  const head = `<tr><th class="num">#</th><th>Agency</th>${p.columns.map((f) => `<th class="num${f === p.metric ? ' sorted' : ''}" title="${e(figureDef(f)?.formula ?? f)}"><a href="${e(sortHref(f))}">${e(label(f))}${f === p.metric ? (p.order === 'desc' ? ' ▼' : ' ▲') : ''}</a></th>`).join('')}</tr>`;
  const row = (r: TableRow, rank: number | null) => `<tr data-report="${e(r.reportId)}" data-key="${e(r.agencyKey)}"><td class="num">${rank ?? ''}</td>
<td><a href="${e(agencyHref(r.agencyKey))}">${e(r.name)}</a></td>${p.columns.map((f) => cell(r, f)).join('')}</tr>`;
  const exports = (fmt: string) => `/api/compare?year=${p.year ?? ''}&metric=${encodeURIComponent(p.metric)}&format=${fmt}`;
  const bars = {
    kind: 'bars' as const, key: p.metric, label: def?.label.zh ?? p.metric, unit: def?.unit ?? '',
    bars: p.table.rows.map((r) => ({ name: r.name, y: r.values[p.metric]!.value, href: evidenceHref(r.reportId, r.values[p.metric]!.evidence) })),
  };
  const body = p.year === null
    ? '<p class="meta">No report names an agency yet.</p>'
    : `<p class="meta">${p.table.rows.length} agenc${p.table.rows.length === 1 ? 'y states' : 'ies state'} ${e(label(p.metric))} for ${p.year}; ${p.table.missing.length} report(s) do not (listed below, not ranked).
${def?.formula ? `<br>Formula: <code>${e(def.formula)}</code>` : ''} · export <a href="${e(exports('csv'))}">CSV</a> <a href="${e(exports('xlsx'))}">XLSX</a></p>
<div class="chart"><h3>${e(label(p.metric))} · ${p.year}</h3><div class="plot" style="height:${Math.max(160, 26 * p.table.rows.length + 40)}px"><canvas id="bars" data-figure="${e(p.metric)}"></canvas></div></div>
<h2>Ranked by ${e(label(p.metric))}</h2><table class="compare">${head}${p.table.rows.map((r, i) => row(r, i + 1)).join('\n')}</table>
<h2>Not stating ${e(label(p.metric))} (${p.table.missing.length})</h2><table class="compare-missing">${head}${p.table.missing.map((r) => row(r, null)).join('\n')}</table>
${dataBlock('chart-data', bars)}`;
  return layout(`Compare ${p.year ?? ''} · gongkai`, `<form class="filter" method="get" action="/compare"><select name="year">${yearOpts}</select>
<select name="metric">${figOpts}</select><button>Compare</button> <a href="/agencies">All agencies</a></form>${body}`, p.year === null ? [] : CHART_SCRIPTS);
}
