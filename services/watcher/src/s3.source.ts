import { GetObjectCommand, ListObjectsV2Command, S3Client, type _Object } from '@aws-sdk/client-s3';
import type { IntakeResult } from '@gongkai/pipeline';
import type { Logger } from '@gongkai/runtime';
import type { Readable } from 'node:stream';
import { CoalescedRun } from './coalesced.run.ts';
import { failureFields } from './failure.fields.ts';
import { isIgnoredName } from './ignore.rules.ts';

export interface S3SourceOptions {
  bucket: string;
  prefix: string;
  endpoint: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Listing interval (the reconciling ListObjectsV2). @defaultValue 1000 */
  pollMs: number;
}

export interface S3SourceDeps {
  ingest(file: { body: Readable; name: string; uri: string }): Promise<IntakeResult>;
  seen(key: string): Promise<boolean>;
  markSeen(key: string, reportId: string): Promise<void>;
  log: Logger;
}

/** The dedupe key of one object version: bucket/key/etag. */
export const s3SourceKey = (bucket: string, key: string, etag: string) => `s3:${bucket}/${key}@${etag.replaceAll('"', '')}`;

/**
 * Polls an S3-compatible bucket with ListObjectsV2 and takes in every object
 * version (bucket/key/etag) not taken in before; the record of what was taken
 * in lives in MongoDB, so a restart reprocesses nothing. Bucket event
 * notifications, when configured, only make the next listing come sooner
 * (they are at-least-once and late; the listing is the truth).
 */
export class S3Source {
  readonly client: S3Client;
  private timer: NodeJS.Timeout | null = null;
  private readonly runs = new CoalescedRun(
    () => this.pass(),
    (err) => this.deps.log.warn({ bucket: this.opts.bucket, err: err.message }, 'listing failed; will retry'),
    () => this.stopped,
  );
  private stopped = false;
  readonly stats = { ingested: 0, duplicates: 0, errors: 0, skippedSeen: 0, listings: 0 };

  constructor(
    private readonly deps: S3SourceDeps,
    private readonly opts: S3SourceOptions,
  ) {
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: true,
      ...(opts.accessKeyId && opts.secretAccessKey ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } } : {}),
    });
  }

  async start(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.opts.pollMs);
    this.timer.unref?.();
  }

  /** A bucket notification arrived: list now (coalesced with a running listing). */
  notify(): void {
    void this.runs.request();
  }

  /** One listing pass (or the running one, plus one more after it). */
  poll(): Promise<void> {
    return this.runs.request();
  }

  private async pass(): Promise<void> {
    let token: string | undefined;
    this.stats.listings++;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: this.opts.prefix || undefined, ContinuationToken: token }),
      );
      for (const obj of page.Contents ?? []) {
        if (this.stopped) return;
        await this.take(obj);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && !this.stopped);
  }

  private async take(obj: _Object): Promise<void> {
    if (!obj.Key || obj.Key.endsWith('/') || isIgnoredName(obj.Key)) return;
    const key = s3SourceKey(this.opts.bucket, obj.Key, obj.ETag ?? `${obj.Size}-${obj.LastModified?.getTime()}`);
    try {
      if (await this.deps.seen(key)) {
        this.stats.skippedSeen++;
        return;
      }
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: obj.Key, IfMatch: obj.ETag }));
      const name = obj.Key.slice(this.opts.prefix.length).replace(/^\//, '') || obj.Key;
      const out = await this.deps.ingest({ body: res.Body as Readable, name, uri: `s3://${this.opts.bucket}/${obj.Key}` });
      await this.deps.markSeen(key, out.reportId);
      if (out.created) this.stats.ingested++;
      else this.stats.duplicates++;
    } catch (err) {
      this.stats.errors++;
      this.deps.log.warn({ key: obj.Key, ...failureFields(err) }, 'object intake failed; will retry at the next listing');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.runs.idle();
    this.client.destroy();
  }
}
