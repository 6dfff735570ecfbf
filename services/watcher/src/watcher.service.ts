import { openDeps } from '@gongkai/app';
import type { Config } from '@gongkai/config';
import { ingest, type IntakeDeps } from '@gongkai/pipeline';
import { Lifecycle, createLogger } from '@gongkai/runtime';
import { createServer } from 'node:http';
import { FolderSource, type FolderSourceDeps } from './folder.source.ts';
import { S3Source, type S3SourceDeps } from './s3.source.ts';

export type Source = FolderSource | S3Source;

/** What a source needs: intake into the pipeline, and the record of versions already taken in. */
export function sourceDepsOf(deps: IntakeDeps): FolderSourceDeps & S3SourceDeps {
  return {
    ingest: (file) => ingest(deps, file),
    seen: async (key) => (await deps.store.sourceSeen(key)) !== null,
    markSeen: (key, reportId) => deps.store.markSourceSeen(key, reportId),
    log: deps.log,
  };
}

/**
 * The watcher service: the configured source (inbox folder or S3 bucket)
 * feeding intake. With GONGKAI_S3_NOTIFY_PORT… (see README) bucket event
 * notifications may POST to /events to trigger a listing.
 */
export async function runWatcher(config: Config, opts: { notifyPort?: number } = {}): Promise<{ source: Source; lifecycle: Lifecycle }> {
  const log = createLogger(config, 'watcher');
  const lifecycle = new Lifecycle(log, config.shutdownMs);
  const deps = await openDeps(config, log, lifecycle, { startInfraIfMissing: false, appName: 'gongkai-watcher' });
  await deps.store.ensureIndexes();
  const sourceDeps = sourceDepsOf(deps);
  const source: Source =
    config.source.kind === 's3'
      ? new S3Source(sourceDeps, {
          bucket: config.source.bucket, prefix: config.source.prefix, endpoint: config.s3.endpoint!, region: config.s3.region,
          accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey, pollMs: config.pollMs,
        })
      : new FolderSource(sourceDeps, { root: config.source.path, pollMs: config.pollMs, stableMs: config.stableMs });
  await source.start();
  lifecycle.defer('source', () => source.stop());
  if (source instanceof S3Source && opts.notifyPort !== undefined) {
    const srv = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/events') {
        req.resume();
        source.notify();
        res.writeHead(204).end();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => srv.listen(opts.notifyPort, config.host, r));
    lifecycle.defer('notification endpoint', () => new Promise<void>((r) => srv.close(() => r())));
  }
  log.info({ source: config.source }, 'watching');
  return { source, lifecycle };
}
