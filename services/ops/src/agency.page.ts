import { figureDef, rateDef } from '@gongkai/core';
import type { AgencyDetail, AgencySummary } from '@gongkai/store';
import { escapeHtml as e } from './evidence.highlight.ts';
import { agencyHref, dataBlock, evidenceHref, evidenceText, formatFigure, layout } from './agencies.layout.ts';
import { CHART_SCRIPTS } from './agencies.assets.ts';

/** The agencies page: search by name/key, region and level; each agency links to its page. */
export function agencyListPage(agencies: AgencySummary[], q: { q?: string; region?: string; level?: string }): string {
  const val = (v: string | undefined) => e(v ?? '');
  const rows = agencies.map((a) => `<tr data-key="${e(a.agencyKey)}"><td><a href="${e(agencyHref(a.agencyKey))}">${e(a.name)}</a><div class="quote">${e(a.agencyKey)}</div></td>
<td>${e(a.level ?? '')}</td><td>${e(a.region ?? '')}</td><td>${a.years.join(' ')}</td><td class="num">${a.reports}</td></tr>`);
  return layout('Agencies · gongkai', `<form class="filter" method="get" action="/agencies">
<input name="q" placeholder="name or key contains" value="${val(q.q)}"><input name="region" placeholder="region contains" value="${val(q.region)}">
<input name="level" placeholder="level" size="10" value="${val(q.level)}"><button>Search</button> <a href="/compare">Compare agencies in a year →</a></form>
<p class="meta">${agencies.length} agenc${agencies.length === 1 ? 'y' : 'ies'}; reports whose agency is unknown belong to none.</p>
<table class="agencies"><tr><th>Agency</th><th>Level</th><th>Region</th><th>Years</th><th class="num">Reports</th></tr>${rows.join('\n')}</table>`);
}

/** The metric keys a figure reads: itself, or a rate's inputs (every alternative). */
export function figureInputs(figure: string): string[] {
  const r = rateDef(figure);
  return r ? [...r.numerator, ...(r.denominator ?? [])].flatMap((o) => o.flat()) : [figure];
}

/** A cross-year finding belongs on a figure's chart when it is about one of the figure's inputs, or about the report as a whole. */
export const concerns = (keys: readonly string[], figure: string): boolean => {
  if (keys.length === 0) return true;
  const inputs = figureInputs(figure);
  return keys.some((k) => inputs.includes(k));
};

/** What the page's script draws: one line chart per figure, each point with its report link and the cross-year findings of that report. */
export function chartData(a: AgencyDetail, figures: readonly string[]) {
  const findingsOf = new Map(a.reports.map((r) => [r.reportId, r.crossYear]));
  return {
    kind: 'series' as const,
    charts: figures.map((f) => {
      const def = figureDef(f);
      return {
        key: f, label: def?.label.zh ?? f, en: def?.label.en ?? f, unit: def?.unit ?? '', formula: def?.formula ?? null,
        // a year without a report is a null point, so the line breaks there instead of joining its neighbours
        points: [...a.gaps.map((year) => ({ x: year, y: null, approx: false, reportId: null, href: null, quote: '', findings: [] as string[] })), ...(a.series[f] ?? []).map((p) => ({
          x: p.year, y: p.value, approx: p.approx, reportId: p.reportId, href: evidenceHref(p.reportId, p.evidence),
          quote: evidenceText(p.evidence),
          findings: (findingsOf.get(p.reportId) ?? []).filter((x) => concerns(x.keys, f)).map((x) => `${x.rule}: ${x.message}`),
        }))].sort((x, y) => x.x - y.x),
      };
    }),
  };
}

/**
 * An agency's page: its reports by year (gaps and years reported twice
 * shown), a line chart per key figure across the years (each point links to
 * the report and its evidence; a report with cross-year findings is a red
 * triangle), and the same figures as a table.
 */
export function agencyDetailPage(a: AgencyDetail, figures: readonly string[]): string {
  const dup = new Set(a.duplicates);
  const reports = a.reports.map((r) => `<tr data-report="${e(r.reportId)}" class="${r.year !== null && dup.has(r.year) ? 'dup' : ''}"><td class="num">${r.year ?? '?'}</td>
<td><a href="/reports/${e(r.reportId)}">${e(r.title ?? r.sourceName)}</a><div class="quote">${e(r.sourceName)} · <code>${e(r.reportId.slice(0, 12))}</code></div></td>
<td><span class="status status-${e(r.status)}">${e(r.status)}</span></td>
<td>${r.crossYear.map((f) => `<span class="rule sev-${e(f.severity)}" title="${e(f.message)}">${e(f.rule)}</span>`).join('')}</td></tr>`);
  const years = a.reports.filter((r) => r.year !== null);
  const head = `<tr><th>Year</th><th>Report</th>${figures.map((f) => `<th class="num" title="${e(f)}">${e(figureDef(f)?.label.zh ?? f)}</th>`).join('')}</tr>`;
  const table = years.map((r) => `<tr data-report="${e(r.reportId)}"><td class="num">${r.year}</td><td><code>${e(r.reportId.slice(0, 8))}</code></td>${figures.map((f) => {
    const p = a.series[f]?.find((x) => x.reportId === r.reportId);
    const unit = figureDef(f)?.unit ?? '';
    return p && p.value !== null
      ? `<td class="num" data-figure="${e(f)}"><a href="${e(evidenceHref(r.reportId, p.evidence))}" title="${e(evidenceText(p.evidence))}">${e(formatFigure(p.value, unit, p.approx))}</a></td>`
      : `<td class="num missing" data-figure="${e(f)}">—</td>`;
  }).join('')}</tr>`);
  const charts = figures.map((f, i) => {
    const def = figureDef(f);
    return `<div class="chart"><h3>${e(def?.label.zh ?? f)} <span class="meta">${e(def?.label.en ?? '')}</span></h3>
${def?.formula ? `<p class="formula">${e(def.formula)}</p>` : `<p class="formula">${e(f)}</p>`}<div class="plot"><canvas id="chart-${i}" data-figure="${e(f)}"></canvas></div></div>`;
  });
  const exports = (fmt: string) => `/api/agencies/${encodeURIComponent(a.agencyKey)}?metrics=${encodeURIComponent(figures.join(','))}&format=${fmt}`;
  return layout(`${a.name} · gongkai`, `<h2>${e(a.name)}</h2>
<p class="meta">${e(a.agencyKey)} · ${e(a.level ?? 'level unknown')} · ${e(a.region ?? 'region unknown')} · years ${a.years.join(', ')}
${a.gaps.length ? ` · <span class="gap">no report for ${a.gaps.join(', ')}</span>` : ''}${a.duplicates.length ? ` · <span class="gap">two or more reports for ${a.duplicates.join(', ')}</span>` : ''}
· export <a href="${e(exports('csv'))}">CSV</a> <a href="${e(exports('xlsx'))}">XLSX</a></p>
<div class="charts">${charts.join('\n')}</div>
${crossYearList(a)}<h2>Figures by year</h2><table class="series">${head}${table.join('\n')}</table>
<h2>Reports (${a.reports.length})</h2><table class="agency-reports"><tr><th>Year</th><th>Report</th><th>Status</th><th>Cross-year findings</th></tr>${reports.join('\n')}</table>
${dataBlock('chart-data', chartData(a, figures))}`, CHART_SCRIPTS);
}

/** The cross-year findings, listed under the charts (each chart marks its own with a red triangle). */
function crossYearList(a: AgencyDetail): string {
  const items = a.reports.flatMap((r) => r.crossYear.map((f) => `<li class="cross-year" data-report="${e(r.reportId)}"><span class="rule sev-${e(f.severity)}">${e(f.rule)}</span> ${r.year ?? '?'}: ${e(f.message)}${f.keys.length ? ` <span class="quote">(${e(f.keys.join(', '))})</span>` : ''}</li>`));
  return items.length ? `<h2>Cross-year findings (${items.length})</h2><ul class="cross-years">${items.join('\n')}</ul>` : '';
}
