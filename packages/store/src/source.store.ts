import type { Report, ReportSource } from '@gongkai/core';
import { MongoServerError, type Collection } from 'mongodb';

/** A source location already taken in (folder path+size+mtime, or S3 bucket/key/etag). */
export interface SourceRecord {
  /** `file:<path>:<size>:<mtime>` or `s3:<bucket>/<key>@<etag>` (a version seen), or `loc:<uri>#<reportId>` (a location). */
  _id: string;
  reportId: string;
  seenAt: string;
  uri?: string;
  name?: string;
}

/**
 * Collection `sources`: where content arrived from. Every location is its own
 * document (never an update of the report: FerretDB loses concurrent updates
 * of one document, and duplicates arrive in bursts).
 */
export class SourceStore {
  constructor(
    readonly sources: Collection<SourceRecord>,
    private readonly reports: Collection<Report>,
  ) {}

  async recordLocation(id: string, source: ReportSource): Promise<void> {
    try {
      await this.sources.updateOne(
        { _id: `loc:${source.uri}#${id}` },
        { $setOnInsert: { reportId: id, uri: source.uri, name: source.name, seenAt: source.receivedAt } },
        { upsert: true },
      );
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    }
  }

  /** Every other location the same content arrived from (renames, re-drops, other buckets). */
  async aliasesOf(id: string): Promise<NonNullable<Report['aliases']>> {
    const report = await this.reports.findOne({ _id: id }, { projection: { source: 1 } });
    const locs = await this.sources.find({ reportId: id, uri: { $exists: true } }).sort({ seenAt: 1 }).toArray();
    return locs
      .filter((l) => l.uri !== report?.source.uri)
      .map((l) => ({ uri: l.uri!, name: l.name ?? '', receivedAt: l.seenAt }));
  }

  async seen(key: string): Promise<SourceRecord | null> {
    return this.sources.findOne({ _id: key });
  }

  async markSeen(key: string, reportId: string): Promise<void> {
    await this.sources.updateOne({ _id: key }, { $set: { reportId, seenAt: new Date().toISOString() } }, { upsert: true });
  }
}
