import { METRICS, PIPELINE_STATUSES, VALIDATION_STATUSES, type Report, type ReportStatus } from '@gongkai/core';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ReportStore } from '@gongkai/store';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { UsageError, progress } from '../cli.io.ts';
import { withDeps } from './with-deps.ts';

/**
 * The columns before the metrics: what a row is about, then why it failed
 * (the stage, the error code and the person-readable reason of a failed
 * report; empty otherwise) and the other names the same content arrived
 * under (duplicates), so failures and duplicates are in the export too.
 */
export const REPORT_COLUMNS = [
  'id', 'status', 'agency', 'year', 'regime', 'title', 'source_name', 'received_at', 'findings',
  'failedStage', 'errorCode', 'errorMessage', 'aliases',
] as const;
/** Every metric key of the catalogue, in catalogue order: one column each. */
export const METRIC_COLUMNS: readonly string[] = METRICS.map((m) => m.key);
export const EXPORT_COLUMNS: readonly string[] = [...REPORT_COLUMNS, ...METRIC_COLUMNS];

const STATUSES = ['done', ...PIPELINE_STATUSES, ...VALIDATION_STATUSES] as const;
/** A cell: a list (aliases) is an array in JSON Lines and one cell joined by " | " in CSV. */
type Cell = string | number | string[] | null;

/**
 * One report as a flat row: its facts, its failure, its other names, then
 * each metric's value (not its evidence); missing metrics are null.
 * `aliases`: the other file names of the same content (default: the report's own list, when read in full).
 */
export function exportRow(r: Report, aliases: readonly string[] = (r.aliases ?? []).map((a) => a.name)): Record<string, Cell> {
  const row: Record<string, Cell> = {
    id: r._id,
    status: r.status,
    agency: r.meta?.agency ?? null,
    year: r.meta?.year ?? null,
    regime: r.meta?.regime ?? null,
    title: r.meta?.title ?? r.meta?.inferredTitle ?? null,
    source_name: r.source.name,
    received_at: r.source.receivedAt,
    findings: (r.findings ?? []).map((f) => f.rule).join(' ') || null,
    failedStage: r.failure?.stage ?? null,
    errorCode: r.failure?.code ?? null,
    errorMessage: r.failure?.reason ?? null,
    aliases: aliases.length > 0 ? [...aliases] : null,
  };
  for (const m of r.metrics ?? []) if (METRIC_COLUMNS.includes(m.key)) row[m.key] = m.value;
  return row;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break. Text that a spreadsheet would run as a formula (= + - @, tab, CR)
 * gets a leading apostrophe; numbers are written as numbers.
 */
export function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return csvField(v.join(' | '));
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** The UTF-8 byte order mark: Excel then reads the file as UTF-8 and shows the Chinese. */
export const BOM = '\uFEFF';

/** JSON Lines: the same fields as the CSV, metrics that were not found left out. */
export function jsonLine(row: Record<string, Cell>): string {
  return `${JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null || !METRIC_COLUMNS.includes(k))))}\n`;
}

/**
 * Every report's other names (the locations in `sources` besides the one the
 * report was first stored from), read in one pass instead of two queries per report.
 */
async function aliasNames(store: Pick<ReportStore, 'sources'>): Promise<Map<string, Array<{ uri: string; name: string }>>> {
  const byReport = new Map<string, Array<{ uri: string; name: string }>>();
  const cursor = store.sources.find({ uri: { $exists: true } }, { projection: { reportId: 1, uri: 1, name: 1, seenAt: 1 } }).sort({ seenAt: 1 });
  for await (const l of cursor) {
    const list = byReport.get(l.reportId) ?? [];
    list.push({ uri: l.uri!, name: l.name ?? '' });
    byReport.set(l.reportId, list);
  }
  return byReport;
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'one row per report, one column per metric key (values), as CSV (UTF-8 with BOM) or JSON Lines',
  usage: 'gongkai export --format csv|jsonl [--year Y] [--status S] [--out FILE]',
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: { format: { type: 'string' }, year: { type: 'string' }, status: { type: 'string' }, out: { type: 'string' } },
    });
    const format = values.format;
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format must be csv or jsonl');
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError('--year must be a year, e.g. 2017');
    const status = values.status as ReportStatus | 'done' | undefined;
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    const query = { ...(status ? { status } : {}), ...(values.year ? { year: Number(values.year) } : {}) };

    return withDeps(env, 'export', async (deps) => {
      const tmp = values.out ? `${values.out}.part-${process.pid}` : null;
      const stream: Writable = tmp ? createWriteStream(tmp) : process.stdout;
      const bar = values.out ? progress('export', await deps.store.count(query)) : null;
      let n = 0;
      try {
        if (format === 'csv') await write(stream, BOM + csvLine(EXPORT_COLUMNS));
        const locations = await aliasNames(deps.store);
        for await (const report of deps.store.iterate(query)) {
          const others = (locations.get(report._id) ?? []).filter((l) => l.uri !== report.source.uri).map((l) => l.name);
          const row = exportRow(report, others);
          await write(stream, format === 'csv' ? csvLine(EXPORT_COLUMNS.map((c) => row[c] ?? null)) : jsonLine(row));
          bar?.tick(++n);
        }
        bar?.end();
        if (tmp) {
          stream.end();
          await once(stream, 'finish');
          renameSync(tmp, values.out!);
          process.stderr.write(`wrote ${n} report(s) to ${values.out}\n`);
        }
      } catch (err) {
        if (tmp) {
          stream.destroy();
          rmSync(tmp, { force: true });
        }
        throw err;
      }
      return 0;
    });
  },
};
