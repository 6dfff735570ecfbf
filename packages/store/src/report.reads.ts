import { STAGE_FIELDS, stageOutputOf, type Report, type ReportStatus, type StageName, type StageOutputs } from '@gongkai/core';
import type { Collection, Filter } from 'mongodb';
import { unpackFields } from './packed.fields.ts';
import type { SourceStore } from './source.store.ts';
import type { SpillStore } from './spill.store.ts';
import { decodeStorable } from './storable.codec.ts';

export interface ReportQuery {
  status?: ReportStatus | 'done';
  agency?: string;
  year?: number;
  rule?: string;
  limit?: number;
  skip?: number;
}

/** Fields left out of report listings (large or internal). */
const HEAVY_FIELDS = ['text', 'offsetMap', 'paragraphs', 'mentions', 'spans', 'history'] as const;
const LIGHT = Object.fromEntries(HEAVY_FIELDS.map((f) => [f, 0]));

function filterOf(q: ReportQuery): Filter<Report> {
  const f: Record<string, unknown> = {};
  if (q.status === 'done') f['status'] = { $in: ['valid', 'warnings', 'invalid'] };
  else if (q.status) f['status'] = q.status;
  if (q.agency) f['meta.agency'] = q.agency;
  if (q.year !== undefined) f['meta.year'] = q.year;
  if (q.rule) f['findings.rule'] = q.rule;
  return f as Filter<Report>;
}

/** Reads of report documents: one report, the stored outputs a stage needs, listings, counts. */
export class ReportReads {
  constructor(
    private readonly reports: Collection<Report>,
    private readonly sources: SourceStore,
    private readonly spills: SpillStore,
  ) {}

  /** One report; `full` adds the heavy fields (text, paragraphs, history…) and the aliases. */
  async get(id: string, opts: { full?: boolean } = {}): Promise<Report | null> {
    const doc = await this.reports.findOne({ _id: id }, opts.full ? {} : { projection: LIGHT });
    if (!doc) return null;
    const report = decodeStorable(unpackFields(await this.spills.restore(doc))) as Report;
    if (opts.full) report.aliases = await this.sources.aliasesOf(id);
    return report;
  }

  /** The stored outputs of `stages` for one report, plus its current run. */
  async loadOutputs(id: string, stages: readonly StageName[]): Promise<{ runId: string; status: ReportStatus; outputs: Partial<StageOutputs> } | null> {
    const fields = new Set<string>(['pipeline', 'status']);
    for (const s of stages) for (const f of STAGE_FIELDS[s]) fields.add(f);
    const doc = await this.reports.findOne({ _id: id }, { projection: Object.fromEntries([...fields].map((f) => [f, 1])) });
    if (!doc) return null;
    const report = decodeStorable(unpackFields(await this.spills.restore(doc))) as Report;
    const outputs: Partial<StageOutputs> = {};
    for (const s of stages) {
      const out = stageOutputOf(s, report);
      if (out) (outputs as Record<string, unknown>)[s] = out;
    }
    return { runId: report.pipeline.runId, status: report.status, outputs };
  }

  async list(q: ReportQuery = {}): Promise<Report[]> {
    const docs = await this.reports
      .find(filterOf(q), { projection: LIGHT })
      .sort({ updatedAt: -1, _id: 1 })
      .skip(q.skip ?? 0)
      .limit(Math.min(q.limit ?? 50, 1000))
      .toArray();
    return docs.map((d) => decodeStorable(unpackFields(d)) as Report);
  }

  /** Iterates every matching report (export, reprocess --all), in _id order, in batches. */
  async *iterate(q: ReportQuery = {}, opts: { full?: boolean; idsOnly?: boolean } = {}): AsyncGenerator<Report> {
    // idsOnly keeps the file name: reprocess names its jobs by it (Bull Board)
    const projection = opts.idsOnly ? { _id: 1, pipeline: 1, status: 1, 'source.name': 1 } : opts.full ? undefined : LIGHT;
    const cursor = this.reports.find(filterOf(q), projection ? { projection } : {}).sort({ _id: 1 }).batchSize(200);
    for await (const doc of cursor) yield decodeStorable(unpackFields(opts.full ? await this.spills.restore(doc) : doc)) as Report;
  }

  async count(q: ReportQuery = {}): Promise<number> {
    return this.reports.countDocuments(filterOf(q));
  }
}
