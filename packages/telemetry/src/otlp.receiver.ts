/**
 * A small OTLP/HTTP receiver (JSON encoding) that keeps the spans it is sent,
 * in memory: the tracing test asserts on them, and the pipeline bench reads
 * its cost breakdown from them (the services are separate processes, so
 * their spans come here over OTLP, the way they would reach Jaeger).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { traceHtml, traceListHtml, type ReceivedSpan, type TraceBook } from './trace.view.ts';

export type { ReceivedSpan };

interface OtlpValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean }
interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  startTimeUnixNano: string | number; endTimeUnixNano: string | number; attributes?: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans?: Array<{ resource?: { attributes?: Array<{ key: string; value: OtlpValue }> }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
}

const valueOf = (v: OtlpValue): string | number | boolean =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.doubleValue ?? v.boolValue ?? '';
const ms = (nanos: string | number) => Number(BigInt(nanos) / 1000n) / 1000;

/** The spans of one OTLP/HTTP JSON export request. */
export function decodeOtlpJson(body: OtlpExport): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const service = String(valueOf(rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value ?? {}));
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || null, name: s.name, kind: s.kind,
          start: ms(s.startTimeUnixNano), end: ms(s.endTimeUnixNano),
          attrs: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])), service,
        });
      }
    }
  }
  return out;
}

export interface OtlpReceiver {
  /** The endpoint to set as OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/json). */
  url: string;
  spans: ReceivedSpan[];
  /** Export requests refused (not JSON): the exporter was set to another protocol. */
  refused: number;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

export interface OtlpReceiverOptions {
  host?: string;
  /** @defaultValue 0 (any free port) */
  port?: number;
  /**
   * Keep the spans in this book, bounded, and serve it as pages (`/` the
   * latest traces, `/trace/:id` one trace): a trace viewer. Without it the
   * spans are all kept in `spans` (tests, the bench).
   */
  book?: TraceBook;
}

export async function startOtlpReceiver(opts: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const r: Omit<OtlpReceiver, 'url' | 'close'> = { spans: [], refused: 0 };
  const { book } = opts;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      if (book && req.method === 'GET') return void viewPage(book, url, res);
      const body = await bodyOf(req);
      if (req.method !== 'POST' || url.pathname !== '/v1/traces' || !String(req.headers['content-type']).includes('json')) {
        r.refused++;
        res.writeHead(415).end();
        return;
      }
      const spans = decodeOtlpJson(JSON.parse(body.toString('utf8')) as OtlpExport);
      if (book) book.add(spans);
      else r.spans.push(...spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })().catch(() => res.writeHead(400).end());
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function viewPage(book: TraceBook, url: URL, res: ServerResponse): void {
  const html = (status: number, body: string) =>
    void res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }).end(body);
  if (url.pathname === '/') return html(200, traceListHtml(book, url.searchParams.get('q') ?? ''));
  const m = /^\/trace\/([0-9a-f]{32})$/.exec(url.pathname);
  const spans = m ? book.get(m[1]!) : undefined;
  if (!spans) return html(404, '<!doctype html><p>No such trace (only the latest are kept). <a href="/">All traces</a></p>');
  html(200, traceHtml(m![1]!, spans));
}
