import type { Config } from '@gongkai/config';
import { connectInfra, type Infra } from '@gongkai/embedded';
import { Pipeline } from '@gongkai/pipeline';
import type { Lifecycle, Logger } from '@gongkai/runtime';
import { startTelemetry } from '@gongkai/telemetry';
import { FsBlobStore, GridFsBlobStore, ReportStore, type BlobStore } from '@gongkai/store';
import { join } from 'node:path';

/** The Redis stream of the list rows' changes (one per database: a queue prefix names one deployment). */
export const rowFeedKey = (config: Pick<Config, 'queuePrefix'>) => `${config.queuePrefix}:report-rows`;

export interface AppDeps {
  config: Config;
  infra: Infra;
  store: ReportStore;
  blobs: BlobStore;
  pipeline: Pipeline;
  log: Logger;
}

/**
 * Opens everything a service or command needs, registering each resource on
 * the lifecycle so shutdown closes them in reverse order.
 */
export async function openDeps(
  config: Config,
  log: Logger,
  lifecycle: Lifecycle,
  opts: { startInfraIfMissing: boolean; appName: string },
): Promise<AppDeps> {
  // first: the MongoDB and Redis clients are patched before any connection opens; stopped last, so the last spans go out
  const telemetry = await startTelemetry(config.telemetry, opts.appName);
  lifecycle.defer('telemetry', () => telemetry.shutdown());
  const infra = await connectInfra(config, { startIfMissing: opts.startInfraIfMissing });
  lifecycle.defer('embedded servers', () => infra.stop());
  const store = await ReportStore.open(infra.mongoUrl, config.mongoDb, { appName: opts.appName });
  lifecycle.defer('mongodb', () => store.close());
  const blobs = config.blobStore === 'gridfs' ? new GridFsBlobStore(store.db) : new FsBlobStore(join(config.dataDir, 'blobs'));
  const pipeline = await Pipeline.connect({
    redisUrl: infra.redisUrl, prefix: config.queuePrefix, stages: config.stages, settleMs: 2 * config.lockMs, handoff: config.handoff,
  });
  lifecycle.defer('queues', () => pipeline.close());
  // the list rows' change feed: the store's writes tell it, the ops server's row mirror reads it
  store.useFeed(pipeline.connection, rowFeedKey(config));
  return { config, infra, store, blobs, pipeline, log };
}
