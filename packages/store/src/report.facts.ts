import { isDone, type NeighbourReport, type Report, type ReportStatus, type TableCell } from '@gongkai/core';
import type { Collection, Filter } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import { decodeStorable } from './storable.codec.ts';
import { upsertRacing } from './upsert.race.ts';

const NOT_A_REPORT = 'NOT_A_REPORT';

/**
 * Collection `report_facts`: per done report, what another report's
 * cross-year rules read of it (agency, year, figures with their quotes,
 * 统计表 cells), one small document by the report's `_id`. A finished report
 * is ~200 KB of FerretDB JSON, decoded whole by every read whatever the
 * projection, and validate read each neighbour three to six times (its load,
 * the check after it, each dependent's context): the figures here are one
 * JSON string, which FerretDB stores and returns without a schema.
 *
 * A copy, never the truth: written with the report's final write, dropped
 * when the report leaves "done" (a new run, a failure), and a report
 * without one (stored before this collection, or its copy lost with a
 * failed write) is read from `reports` and copied here.
 */
interface FactsRecord {
  _id: string;
  runId: string;
  agencyKey: string | null;
  year: number | null;
  status: ReportStatus;
  agency: string | null;
  title: string | null;
  notAReport: boolean;
  /** JSON of `{ metrics, stats }`. */
  facts: string;
}

/** A neighbour as the cross-year rules see it, with what decides whether it is one. */
interface ReportFact extends NeighbourReport {
  agencyKey: string | null;
  status: ReportStatus;
  notAReport: boolean;
}

/** The report fields the facts are made of. */
const FACT_SOURCE = { _id: 1, status: 1, pipeline: 1, meta: 1, metrics: 1, tables: 1, findings: 1 } as const;

type FactSource = Pick<Report, 'meta' | 'metrics' | 'tables' | 'findings' | 'status'>;

function recordOf(id: string, runId: string, r: Partial<FactSource>): FactsRecord {
  const stats: TableCell[] = (r.tables ?? []).filter((t) => t.kind === 'stats').flatMap((t) => t.cells);
  return {
    _id: id, runId, agencyKey: r.meta?.agencyKey ?? null, year: r.meta?.year ?? null, status: r.status ?? 'processing',
    agency: r.meta?.agency ?? null, title: r.meta?.title ?? null, notAReport: (r.findings ?? []).some((f) => f.rule === NOT_A_REPORT),
    facts: JSON.stringify({ metrics: r.metrics ?? [], stats }),
  };
}

function factOf(rec: FactsRecord): ReportFact {
  const { metrics, stats } = JSON.parse(rec.facts) as Pick<NeighbourReport, 'metrics' | 'stats'>;
  return {
    reportId: rec._id, runId: rec.runId, year: rec.year ?? NaN, agency: rec.agency, title: rec.title, metrics, stats,
    agencyKey: rec.agencyKey, status: rec.status, notAReport: rec.notAReport,
  };
}

export class ReportFacts {
  constructor(
    private readonly facts: Collection<FactsRecord>,
    private readonly reports: Collection<Report>,
  ) {}

  /** The final stage stored `fields` of run `runId`: the facts from them when they hold every part, else from the report. */
  async finished(id: string, runId: string, fields: Partial<Report>): Promise<void> {
    if (fields.meta && fields.metrics && fields.tables && fields.findings && fields.status) {
      await this.put(recordOf(id, runId, fields as FactSource));
      return;
    }
    // a context refresh stores only its findings and status: the figures are the run's, unchanged
    if (fields.findings && fields.status) {
      const notAReport = fields.findings.some((f) => f.rule === NOT_A_REPORT);
      // read, then update by _id alone: a filter of anything more is a scan of the whole collection on FerretDB
      const had = await this.facts.findOne({ _id: id }, { projection: { runId: 1 } });
      if (had?.runId === runId) {
        await this.facts.updateOne({ _id: id }, { $set: { status: fields.status, notAReport } });
        return;
      }
    }
    await this.copy(id);
  }

  /** The report left "done" (a new run, a replay, a failure): no copy of an old run's facts stays behind. */
  async dropped(id: string): Promise<void> {
    await this.facts.deleteOne({ _id: id });
  }

  /** The facts of `ids`, each read by `_id`; a report without its copy is read and copied. Unknown ids are left out. */
  async of(ids: readonly string[]): Promise<ReportFact[]> {
    const out: ReportFact[] = [];
    for (const id of ids) {
      const rec = (await this.facts.findOne({ _id: id })) ?? (await this.copy(id));
      if (rec) out.push(factOf(rec));
    }
    return out;
  }

  private async copy(id: string): Promise<FactsRecord | null> {
    const d = await this.reports.findOne({ _id: id } as Filter<Report>, { projection: FACT_SOURCE });
    if (!d) return null;
    const r = decodeStorable(unpackFields(d)) as Report;
    const rec = recordOf(id, r.pipeline.runId, r);
    // only a done report's facts are kept: another state's would be dropped by its next transition anyway;
    // the copy is a cache fill, so a failed write costs the next reader a read, never this reader its answer
    if (isDone(r.status)) await this.put(rec).catch(() => {});
    return rec;
  }

  /** Writes a record whole; the report's final write and a neighbour's copy of it may come at once (upsert.race.ts). */
  private async put(rec: FactsRecord): Promise<void> {
    await upsertRacing((upsert) => this.facts.replaceOne({ _id: rec._id }, rec, { upsert }));
  }
}
