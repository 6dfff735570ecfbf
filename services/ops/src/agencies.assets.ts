import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Chart.js's UMD build, from the project's own node_modules (no CDN): its package's main lives in the same dist/ folder. */
export const CHART_LIB_FILE = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

export const CHART_SCRIPTS = ['/assets/chart.umd.min.js', '/assets/agency-charts.js'] as const;

/**
 * The pages' own script: draws what the server put in #chart-data. Plain
 * browser JavaScript, served as a file (the pages' CSP runs scripts from
 * this server only). Animations off: screenshots and tests see the final
 * chart at once.
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var el = document.getElementById('chart-data');
  if (!el || typeof Chart === 'undefined') return;
  var data = JSON.parse(el.textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, "Noto Sans CJK SC", sans-serif';
  var fmt = function (v, unit) {
    if (v === null || v === undefined) return '';
    return unit === '%' || unit === '件/百件' ? v.toFixed(1) + (unit === '%' ? '%' : '') : v.toLocaleString('en-US');
  };
  if (data.kind === 'series') {
    data.charts.forEach(function (c, i) {
      var canvas = document.getElementById('chart-' + i);
      if (!canvas) return;
      var flagged = function (p) { return p.findings.length > 0; };
      new Chart(canvas, {
        type: 'line',
        data: { datasets: [{
          label: c.label, data: c.points, parsing: { xAxisKey: 'x', yAxisKey: 'y' }, spanGaps: false,
          borderColor: '#1f6feb', backgroundColor: '#1f6feb', tension: 0,
          pointStyle: c.points.map(function (p) { return flagged(p) ? 'triangle' : 'circle'; }),
          pointRadius: c.points.map(function (p) { return flagged(p) ? 9 : 5; }),
          pointBackgroundColor: c.points.map(function (p) { return flagged(p) ? '#c62828' : '#1f6feb'; }),
        }] },
        options: {
          responsive: true, maintainAspectRatio: false,
          scales: { x: { type: 'linear', ticks: { stepSize: 1, precision: 0, callback: function (v) { return String(v); } } }, y: { beginAtZero: true, ticks: { precision: c.unit === '%' || c.unit === '件/百件' ? 1 : 0 } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: {
              label: function (ctx) { var p = ctx.raw; return p.x + ': ' + fmt(p.y, c.unit) + (p.approx ? ' (approx.)' : ''); },
              afterLabel: function (ctx) { var p = ctx.raw; return [p.quote ? '「' + p.quote.slice(0, 80) + '」' : ''].concat(p.findings).filter(Boolean); },
            } },
          },
          onClick: function (_e, els) { var p = els.length ? c.points[els[0].index] : null; if (p && p.href) window.location.href = p.href; },
          onHover: function (e, els) { e.native.target.style.cursor = els.length ? 'pointer' : 'default'; },
        },
      });
    });
  } else if (data.kind === 'bars') {
    var canvas = document.getElementById('bars');
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels: data.bars.map(function (b) { return b.name; }), datasets: [{ label: data.label, data: data.bars.map(function (b) { return b.y; }), backgroundColor: '#1f6feb' }] },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false,
        scales: { x: { beginAtZero: true } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (ctx) { return fmt(ctx.raw, data.unit); } } } },
        onClick: function (_e, els) { if (els.length) window.location.href = data.bars[els[0].index].href; },
      },
    });
  }
})();
`;

/** GET /assets/chart.umd.min.js and /assets/agency-charts.js: open (a library and a script, no data). */
export function assetsRouter(): Router {
  const r = express.Router();
  const lib = readFileSync(CHART_LIB_FILE);
  const headers = { 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
  r.get('/assets/chart.umd.min.js', (_req, res) => void res.set(headers).type('application/javascript').send(lib));
  r.get('/assets/agency-charts.js', (_req, res) => void res.set(headers).type('application/javascript').send(PAGE_SCRIPT));
  return r;
}
