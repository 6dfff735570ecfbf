import type { Report } from '@gongkai/core';
import type { Collection, Db, UpdateFilter } from 'mongodb';

/** Each report's current run id, as a tiny document of its own (collection `report_runs`). */
export interface RunRecord {
  _id: string;
  runId: string;
}

/**
 * "Update the report only while `runId` is its current run", the one write
 * that differs between MongoDB and FerretDB. A late job of an older run
 * changes nothing either way.
 */
export interface RunGuard {
  /** Records `runId` as the report's current run: from here on, writes of older runs are refused. */
  begin(id: string, runId: string): Promise<void>;
  /** Applies `update` if `runId` is still the report's current run; false for a stale write. */
  updateIfRun(id: string, runId: string, update: UpdateFilter<Report>): Promise<boolean>;
}

/** The run records' collection, kept on both servers (only FerretDB reads it). */
export const runsOf = (db: Db): Collection<RunRecord> => db.collection<RunRecord>('report_runs');

/** MongoDB: one conditional update, atomic on the server. */
class MongoRunGuard implements RunGuard {
  constructor(
    private readonly reports: Collection<Report>,
    private readonly runs: Collection<RunRecord>,
  ) {}

  async begin(id: string, runId: string): Promise<void> {
    await this.runs.updateOne({ _id: id }, { $set: { runId } }, { upsert: true });
  }

  async updateIfRun(id: string, runId: string, update: UpdateFilter<Report>): Promise<boolean> {
    return (await this.reports.updateOne({ _id: id, 'pipeline.runId': runId }, update)).matchedCount === 1;
  }
}

/**
 * FerretDB pushes only a filter of exactly `{_id}` down to its SQLite
 * storage (any other filter reads and decodes the whole collection), and its
 * conditional updates are not atomic anyway: so a read of the tiny run
 * record by _id (not of the report, which FerretDB decodes whole however
 * small the projection), then an update by _id.
 */
class FerretRunGuard extends MongoRunGuard {
  constructor(
    private readonly docs: Collection<Report>,
    private readonly records: Collection<RunRecord>,
  ) {
    super(docs, records);
  }

  override async updateIfRun(id: string, runId: string, update: UpdateFilter<Report>): Promise<boolean> {
    const current = (await this.records.findOne({ _id: id }))?.runId
      ?? (await this.docs.findOne({ _id: id }, { projection: { pipeline: 1 } }))?.pipeline?.runId;
    if (current !== runId) return false;
    return (await this.docs.updateOne({ _id: id }, update)).matchedCount === 1;
  }
}

export function runGuard(reports: Collection<Report>, runs: Collection<RunRecord>, ferretdb: boolean): RunGuard {
  return ferretdb ? new FerretRunGuard(reports, runs) : new MongoRunGuard(reports, runs);
}
