import type { Response } from 'express';
import { BOARD_PATH } from './board.routes.ts';
import { escapeHtml as e } from './evidence.highlight.ts';

const STYLE = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1c2430;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#cfe0ff} header h1{font-size:18px;margin:0}
main{padding:16px 24px;max-width:1400px}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th a{color:inherit} th.sorted{background:#dbe5f3}
form.filter{display:flex;gap:8px;margin:0 0 12px;flex-wrap:wrap;align-items:center} form.filter input,form.filter select{padding:3px 6px}
.meta{color:#556} .quote{color:#445;font-size:12px} .err{color:#c62828} .missing{color:#99a}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;background:#778}
.status-valid{background:#2e7d32}.status-warnings{background:#c77700}.status-invalid{background:#c62828}
.rule{display:inline-block;margin:1px 3px 1px 0;padding:0 6px;border-radius:3px;font-size:12px;background:#eceff1}
.sev-error{background:#ffcdd2}.sev-warning{background:#ffe0b2}.sev-info{background:#e3f2fd}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
.chart{background:#fff;border:1px solid #e3e6ea;padding:10px}
.chart h3{font-size:14px;margin:0 0 4px} .chart .formula{font-size:11px;color:#667;margin:0 0 6px}
.plot{position:relative;height:220px}
.gap{color:#c77700} .dup{background:#fff3e0}
h2{font-size:16px;margin:18px 0 8px}`;

/** The page shell the agency and comparison pages share (the reports page's look), with the scripts they load from /assets. */
export function layout(title: string, body: string, scripts: readonly string[] = []): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><h1>gongkai</h1><a href="/reports">Reports</a><a href="/agencies">Agencies</a><a href="/compare">Compare</a><a href="${BOARD_PATH}">Queues</a><a href="/api/status">Status (JSON)</a></header>
<main>${body}</main>${scripts.map((s) => `<script src="${e(s)}"></script>`).join('')}</body></html>`;
}

/** Data for the page's script, as JSON the browser does not run (CSP: scripts only from this server). */
export const dataBlock = (id: string, data: unknown): string =>
  `<script type="application/json" id="${e(id)}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;

export function sendPage(res: Response, code: number, html: string): void {
  res.status(code).type('html')
    .set('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'")
    .send(html);
}

/** A figure's value as the pages print it: counts with thousands separators, rates to one decimal with their unit. */
export function formatFigure(value: number | null | undefined, unit: string, approx = false): string {
  if (value === null || value === undefined) return '';
  const n = unit === '%' || unit === '件/百件' ? value.toFixed(1) : Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 100) / 100);
  return `${approx ? '≈' : ''}${n}${unit === '%' ? '%' : ''}`;
}

/** Link to a figure's evidence on its report's page (the anchor of its first input). */
export const evidenceHref = (reportId: string, ev: ReadonlyArray<{ metricIndex: number }>): string =>
  `/reports/${encodeURIComponent(reportId)}${ev[0] ? `#m-${ev[0].metricIndex}` : ''}`;

export const agencyHref = (key: string): string => `/agencies/${encodeURIComponent(key)}`;

/** Evidence as a reader sees it: the quote, after the table cell it stands in when it is one. */
export const evidenceText = (ev: ReadonlyArray<{ quote: string; cell?: string }>): string =>
  ev.map((x) => (x.cell ? `${x.cell}: ${x.quote}` : x.quote)).join(' | ');
