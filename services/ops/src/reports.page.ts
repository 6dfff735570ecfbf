import type { AppDeps } from '@gongkai/app';
import { PIPELINE_STATUSES, STAGES, VALIDATION_STATUSES, metricDef, type Finding, type Metric, type Report } from '@gongkai/core';
import { BadCursorError, REPORT_SORTS, figuresOf } from '@gongkai/store';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { reportIdSchema } from './api.schemas.ts';
import { listReports, parseListQuery, type ReportListing, type ReportPageParams } from './reports.list.ts';
import { ReportRefError } from '@gongkai/store';
import { escapeHtml as e, highlightText } from './evidence.highlight.ts';
import { BOARD_PATH } from './board.routes.ts';
import { pageCrop } from './page-crop.view.ts';

/** The figures the list shows for every report (the rest are on the report's page and in the export). */
export const KEY_FIGURES = ['proactive.total', 'requests.received.total', 'requests.closed.total', 'review.total', 'litigation.total'] as const;

const label = (key: string) => metricDef(key)?.labels[0] ?? key;

const STYLE = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1c2430;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#cfe0ff} header h1{font-size:18px;margin:0}
main{padding:16px 24px;max-width:1400px}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;background:#778}
.status-valid{background:#2e7d32}.status-warnings{background:#c77700}.status-invalid{background:#c62828}.status-failed{background:#6a1b9a}
.rule{display:inline-block;margin:1px 3px 1px 0;padding:0 6px;border-radius:3px;font-size:12px;background:#eceff1}
.sev-error{background:#ffcdd2}.sev-warning{background:#ffe0b2}.sev-info{background:#e3f2fd}
form.filter{display:flex;gap:8px;margin:0 0 12px;flex-wrap:wrap} form.filter input,form.filter select{padding:3px 6px}
form.filter input[name=q]{min-width:280px} .pager{display:flex;gap:16px;margin:12px 0} .hint{background:#fff8e1;border:1px solid #ffe082;padding:6px 10px}
.reason{color:#6b2a2a;font-size:12px;max-width:360px} .aliases li{color:#445}
.text{white-space:pre-wrap;background:#fff;padding:16px;border:1px solid #e3e6ea;font-size:15px;line-height:1.8;max-height:calc(100vh - 140px);overflow:auto}
section.textcol{position:sticky;top:8px}
mark{background:#fff3a0;border-bottom:2px solid #e0b000;padding:0 1px} mark[data-n="2"],mark[data-n="3"]{background:#ffe066}
.anchor:target+mark{outline:3px solid #1f6feb}
.cols{display:grid;grid-template-columns:minmax(420px,1fr) 1.4fr;gap:20px;align-items:start}
.meta{color:#556} .quote{color:#445;font-size:12px} .err{color:#c62828}
h2{font-size:16px;margin:18px 0 8px}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><h1>gongkai</h1><a href="/reports">Reports</a><a href="/agencies">Agencies</a><a href="/compare">Compare</a><a href="${BOARD_PATH}">Queues</a><a href="/metrics">Metrics</a><a href="/api/status">Status (JSON)</a></header>
<main>${body}</main></body></html>`;
}

const statusBadge = (s: string) => `<span class="status status-${e(s)}">${e(s)}</span>`;
const ruleChips = (fs: readonly Pick<Finding, 'rule' | 'severity' | 'message'>[]) =>
  fs.map((f) => `<span class="rule sev-${e(f.severity)}" title="${e(f.message)}">${e(f.rule)}</span>`).join('');
const fmt = (m: Pick<Metric, 'value' | 'approx'> | undefined) => (m ? `${m.approx ? '≈' : ''}${m.value.toLocaleString('en-US')}` : '');

const SORT_LABELS: Record<string, string> = {
  '-updatedAt': 'last changed, newest first', updatedAt: 'last changed, oldest first', '-receivedAt': 'received, newest first',
  receivedAt: 'received, oldest first', name: 'file name, A→Z', '-name': 'file name, Z→A',
};

function filterForm(q: Record<string, unknown>): string {
  const opt = (k: string, v: string, text = v) => `<option value="${e(v)}"${q[k] === v ? ' selected' : ''}>${e(text)}</option>`;
  const val = (k: string) => (q[k] === undefined ? '' : e(String(q[k])));
  return `<form class="filter" method="get" action="/reports">
<input name="q" placeholder="search: file name, id prefix, agency or title" value="${val('q')}">
<select name="status"><option value="">any status</option>${['done', ...VALIDATION_STATUSES, ...PIPELINE_STATUSES].map((v) => opt('status', v)).join('')}</select>
<select name="failedStage"><option value="">failed at any stage</option>${STAGES.map((s) => opt('failedStage', s, `failed at ${s}`)).join('')}</select>
<input name="agency" placeholder="agency (part of the name)" value="${val('agency')}"><input name="year" placeholder="year" size="5" value="${val('year')}">
<input name="rule" placeholder="finding rule" value="${val('rule')}">
<select name="sort">${REPORT_SORTS.map((v) => opt('sort', v, SORT_LABELS[v] ?? v)).join('')}</select>
<select name="limit">${['20', '50', '100', '200'].map((v) => opt('limit', v, `${v} per page`)).join('')}</select><button>Filter</button></form>`;
}

/** The query string of this listing with `over` applied (the pager's links keep the filters). */
function linkTo(q: ReportPageParams, over: Partial<Record<keyof ReportPageParams, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...over })) if (v !== undefined && v !== '' && k !== 'skip') params.set(k, String(v));
  return `/reports?${params.toString()}`;
}

/** A failure: where and what on one line, the reason on hover and (shortened) below. */
const failureCell = (f: NonNullable<Report['failure']>) =>
  `<span class="err failure" title="${e(f.reason)}">${e(f.stage)}: ${e(f.code)}</span><div class="reason">${e(f.reason.length > 140 ? `${f.reason.slice(0, 140)}…` : f.reason)}</div>`;

function listPage(l: ReportListing, q: ReportPageParams): string {
  const rows = l.items.map((r) => {
    const byKey = new Map(figuresOf(r).map((m) => [m.key, m]));
    return `<tr data-id="${e(r._id)}"><td>${statusBadge(r.status)}</td><td>${e(r.agency ?? '')}</td><td class="num">${r.year ?? ''}</td>
<td><a href="/reports/${e(r._id)}">${e(r.title ?? r.inferredTitle ?? r.name)}</a><div class="quote">${e(r.name)} · <code>${e(r._id.slice(0, 12))}</code></div></td>
${KEY_FIGURES.map((k) => `<td class="num">${fmt(byKey.get(k))}</td>`).join('')}
<td>${r.failure ? failureCell(r.failure) : ruleChips(r.findings)}</td></tr>`;
  });
  const head = `<tr><th>Status</th><th>Agency</th><th>Year</th><th>Report</th>${KEY_FIGURES.map((k) => `<th title="${e(k)}">${e(label(k))}</th>`).join('')}<th>Findings / failure</th></tr>`;
  const pager = `<nav class="pager">${q.cursor ? `<a class="first" href="${e(linkTo(q, { cursor: undefined }))}">← first page</a>` : ''}${
    l.next ? `<a class="next" href="${e(linkTo(q, { cursor: l.next }))}">next ${q.limit} →</a>` : '<span class="meta">last page</span>'}</nav>`;
  const summary = `${l.total} report(s) match; ${l.items.length} on this page, ${e(SORT_LABELS[q.sort] ?? q.sort)}.`;
  return page('Reports · gongkai', `${filterForm(q)}${l.hint ? `<p class="hint">${e(l.hint)}</p>` : ''}<p class="meta total">${summary}</p>
<table class="reports">${head}${rows.join('\n')}</table>${pager}`);
}

function reportPage(r: Report): string {
  const metrics = r.metrics ?? [];
  const figures = metrics.map((m, i) => `<tr><td><a href="#m-${i}">${e(label(m.key))}</a><div class="quote">${e(m.key)}</div></td>
<td class="num">${fmt(m)} ${e(m.unit)}</td><td>${e(m.source)}</td><td class="quote">${e(m.evidence.quote)}${pageCrop(r._id, m.evidence)}</td></tr>`);
  const findings = (r.findings ?? []).map((f) => `<tr><td><span class="rule sev-${e(f.severity)}">${e(f.severity)}</span></td><td>${e(f.rule)}</td>
<td>${e(f.message)}${f.evidence.map((ev) => `<div class="quote">「${e(ev.quote)}」</div>`).join('')}</td></tr>`);
  const highlights = metrics.map((m, i) => ({ start: m.evidence.start, end: m.evidence.end, id: `m-${i}`, label: m.key }));
  const title = r.meta?.title ?? r.meta?.inferredTitle ?? r.source.name;
  const failure = r.failure ? `<p class="err">failed at ${e(r.failure.stage)} (${e(r.failure.code)}): ${e(r.failure.reason)}</p>` : '';
  // the other names the same content arrived under (duplicates): names and dates only, never server paths
  const aliases = (r.aliases ?? []).length > 0
    ? `<section class="aliases"><h2>Also arrived as (${r.aliases!.length})</h2><ul>${r.aliases!.map((a) => `<li>${e(a.name)} <span class="meta">${e(a.receivedAt)}</span></li>`).join('')}</ul></section>`
    : '';
  return page(`${title} · gongkai`, `<h2>${e(title)}</h2>
<p class="meta">${statusBadge(r.status)} ${e(r.meta?.agency ?? '')} · ${r.meta?.year ?? '?'} · regime ${e(r.meta?.regime ?? '?')} · ${e(r.source.name)} · <code>${e(r._id.slice(0, 12))}</code>
· <a href="/api/reports/${e(r._id)}">JSON</a> · <a href="/api/reports/${e(r._id)}/history">history</a></p>${failure}${aliases}
<div class="cols"><section><h2>Figures (${metrics.length})</h2><table class="figures"><tr><th>Metric</th><th>Value</th><th>From</th><th>Evidence</th></tr>${figures.join('\n')}</table>
<h2>Findings (${findings.length})</h2><table class="findings"><tr><th>Severity</th><th>Rule</th><th>Message</th></tr>${findings.join('\n')}</table></section>
<section class="textcol"><h2>Text</h2><div class="text">${r.text ? highlightText(r.text, highlights) : '<em>not decoded</em>'}</div></section></div>`);
}

const sendHtml = (res: Response, code: number, html: string) => {
  res.status(code).type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'").send(html);
};

/** The reports pages: GET /reports (latest, filterable) and GET /reports/:id (figures, findings, text with evidence). */
export function reportsRouter(deps: Pick<AppDeps, 'store'>): Router {
  const r = express.Router();
  const wrap = (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void h(req, res).catch(next);
  r.get('/', wrap(async (req, res) => {
    const bad = (problems: string[]) => sendHtml(res, 400, page('Bad filter', `${filterForm({})}<p class="err">${problems.map(e).join('<br>')}</p>`));
    const q = parseListQuery(req.query, bad);
    if (!q) return;
    try {
      sendHtml(res, 200, listPage(await listReports(deps, q), q));
    } catch (err) {
      if (err instanceof BadCursorError) return bad([err.message]);
      throw err;
    }
  }));
  r.get('/:id', wrap(async (req, res) => {
    const ref = reportIdSchema.safeParse(req.params['id']);
    if (!ref.success) return sendHtml(res, 400, page('Bad id', '<p class="err">not a report id</p>'));
    // an id prefix or file name (store.resolveId, as the CLI and the API): sent on to the report's own address
    const found = await deps.store.resolveId(ref.data).catch((err: unknown) => {
      if (err instanceof ReportRefError) return err;
      throw err;
    });
    if (found instanceof ReportRefError) return sendHtml(res, found.kind === 'unknown' ? 404 : 409, page(found.kind === 'unknown' ? 'Not found' : 'Ambiguous id', `<p class="err">${e(found.message)}</p>`));
    if (found.id !== ref.data) return res.redirect(302, `/reports/${found.id}`);
    const report = await deps.store.get(found.id, { full: true });
    if (!report) return sendHtml(res, 404, page('Not found', '<p class="err">no such report</p>'));
    sendHtml(res, 200, reportPage(report));
  }));
  return r;
}
