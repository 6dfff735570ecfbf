/**
 * A small trace viewer: the spans the services export over OTLP/HTTP (JSON)
 * kept in memory, the latest traces listed, one trace drawn as a waterfall.
 * `gongkai start` runs it when GONGKAI_TRACES_PORT is set, for a machine
 * without Jaeger: the Jaeger module the Go proxy serves has no UI assets
 * (docs/scale.md), and jaeger-ui is not on npm. Pages are plain server-side
 * HTML, no script, nothing fetched from elsewhere.
 */
import { ATTR } from './span.helpers.ts';

/** One span as an OTLP/HTTP export carries it (otlp.receiver.ts decodes them). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  attrs: Record<string, string | number | boolean>;
  /** The resource's service.name: which process made it. */
  service: string;
}

export interface TraceSummary {
  traceId: string;
  /** The root span's name (or the earliest span's, while the root has not arrived). */
  root: string;
  reportId: string | null;
  start: number;
  ms: number;
  spans: number;
  services: string[];
}

/**
 * The latest `maxTraces` traces, by the time their first span arrived; an
 * older trace is dropped whole when a new one comes in past the limit.
 */
export class TraceBook {
  private readonly traces = new Map<string, ReceivedSpan[]>();

  constructor(readonly maxTraces = 1000) {}

  add(spans: readonly ReceivedSpan[]): void {
    for (const s of spans) {
      const list = this.traces.get(s.traceId);
      if (list) list.push(s);
      else {
        this.traces.set(s.traceId, [s]);
        if (this.traces.size > this.maxTraces) this.traces.delete(this.traces.keys().next().value!);
      }
    }
  }

  get(traceId: string): ReceivedSpan[] | undefined {
    return this.traces.get(traceId);
  }

  /** Newest first; `q` keeps the traces whose report id starts with it, or whose root span's name contains it. */
  list(q = ''): TraceSummary[] {
    const term = q.trim().toLowerCase();
    const out: TraceSummary[] = [];
    for (const [traceId, spans] of this.traces) {
      const s = summaryOf(traceId, spans);
      if (!term || s.reportId?.startsWith(term) || s.root.toLowerCase().includes(term)) out.push(s);
    }
    return out.sort((a, b) => b.start - a.start);
  }
}

function summaryOf(traceId: string, spans: readonly ReceivedSpan[]): TraceSummary {
  const root = spans.find((s) => !s.parentSpanId) ?? spans.reduce((a, b) => (b.start < a.start ? b : a));
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  const reportId = spans.map((s) => s.attrs[ATTR.reportId]).find((v): v is string => typeof v === 'string') ?? null;
  return { traceId, root: root.name, reportId, start, ms: end - start, spans: spans.length, services: [...new Set(spans.map((s) => s.service))].sort() };
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const SERVICE_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f', '#bab0ac', '#ff9da7'];

const PAGE_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}a{color:#1a5fb4}table{border-collapse:collapse}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.wf td{border:0;padding:1px .4rem;white-space:nowrap}.wf .lane{width:60vw;position:relative}.bar{position:absolute;top:3px;height:12px;border-radius:2px;min-width:2px}
.name{font-family:ui-monospace,monospace;font-size:12px}.svc{font-size:11px;color:#555}.legend span{display:inline-block;margin-right:1rem}
.legend i{display:inline-block;width:10px;height:10px;margin-right:.3rem;border-radius:2px}.lane{overflow:hidden}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`;

/** The list of traces, newest first, with a search box (report id prefix or root span name). */
export function traceListHtml(book: TraceBook, q = '', limit = 200): string {
  const all = book.list(q);
  const rows = all.slice(0, limit).map((t) =>
    `<tr><td>${esc(new Date(t.start).toISOString().replace('T', ' ').slice(0, 23))}</td><td><a href="trace/${esc(t.traceId)}">${esc(t.root)}</a></td>` +
    `<td class="name">${esc(t.reportId?.slice(0, 12) ?? '—')}</td><td class="num">${esc(fmtMs(t.ms))}</td><td class="num">${t.spans}</td><td class="svc">${esc(t.services.join(', '))}</td></tr>`,
  );
  return page('gongkai traces', `<h1>Traces</h1><p>${all.length} of the latest ${book.maxTraces} kept in memory (newest first).</p>` +
    `<form><input name="q" value="${esc(q)}" placeholder="report id prefix or span name" size="40"> <button>search</button></form>` +
    `<table><thead><tr><th>started (UTC)</th><th>root span</th><th>report</th><th>duration</th><th>spans</th><th>services</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}

/** One trace as a waterfall: spans in tree order, each a bar on the trace's time line, coloured by service. */
export function traceHtml(traceId: string, spans: readonly ReceivedSpan[]): string {
  const t0 = Math.min(...spans.map((s) => s.start));
  const total = Math.max(Math.max(...spans.map((s) => s.end)) - t0, 0.001);
  const services = [...new Set(spans.map((s) => s.service))].sort();
  const colour = (svc: string) => SERVICE_COLOURS[services.indexOf(svc) % SERVICE_COLOURS.length]!;
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, ReceivedSpan[]>();
  for (const s of spans) {
    // a span whose parent never arrived (still in flight, or dropped) is drawn at the top level
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const rows: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.start - b.start)) {
      const left = ((s.start - t0) / total) * 100;
      const width = ((s.end - s.start) / total) * 100;
      // attributes on hover: one line per span keeps a 100-span trace on a screen or two
      const attrs = Object.entries(s.attrs).map(([k, v]) => `${k} = ${String(v)}`).join('\n');
      rows.push(`<tr><td class="name" style="padding-left:${0.4 + depth * 1.1}rem" title="${esc(attrs)}">${esc(s.name)} <span class="svc">${esc(s.service)}</span>` +
        `</td><td class="num">${esc(fmtMs(s.end - s.start))}</td>` +
        `<td class="lane"><div class="bar" title="${esc(`${s.name}: +${fmtMs(s.start - t0)}, ${fmtMs(s.end - s.start)}`)}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%;background:${colour(s.service)}"></div></td></tr>`);
      walk(s.spanId, depth + 1);
    }
  };
  walk(null, 0);
  const summary = summaryOf(traceId, spans);
  const legend = services.map((s) => `<span><i style="background:${colour(s)}"></i>${esc(s)}</span>`).join('');
  return page(`trace ${traceId}`, `<p><a href="../">all traces</a></p><h1>${esc(summary.root)}</h1>` +
    `<p>trace <code>${esc(traceId)}</code>${summary.reportId ? ` · report <code>${esc(summary.reportId)}</code>` : ''} · ${esc(fmtMs(summary.ms))} · ${spans.length} spans</p>` +
    `<p class="legend">${legend} · hover a span for its attributes</p><table class="wf"><thead><tr><th>span</th><th>duration</th><th>time line (${esc(fmtMs(total))})</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
}
