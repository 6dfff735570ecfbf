import type { AppDeps } from '@gongkai/app';
import type { Logger } from '@gongkai/runtime';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics, type OpsMetrics } from './metrics.registry.ts';
import { createOpsApp } from './ops.app.ts';
import { StageTimings, type StageTimingsOptions } from './stage-timings.poller.ts';

export interface OpsServer {
  server: Server;
  url: string;
  metrics: OpsMetrics;
  timings: StageTimings;
  close(): Promise<void>;
}

/**
 * Starts the ops server on config.host:config.port (port 0: any free one):
 * Bull Board, the JSON API, /metrics with the stage-timing poller, health,
 * the reports pages.
 */
export async function startOpsServer(
  deps: Pick<AppDeps, 'config' | 'store' | 'pipeline' | 'log'> & Partial<Pick<AppDeps, 'blobs'>>,
  log: Logger,
  opts: { timings?: StageTimingsOptions } = {},
): Promise<OpsServer> {
  const metrics = createMetrics(deps);
  const timings = new StageTimings(deps.pipeline, metrics.observeStage, log, opts.timings);
  timings.start();
  // every list row into memory now (one scan of report_list), not at the first request; kept fresh from the feed after
  void deps.store.rowMirror.fresh().catch((err: Error) => log.warn({ err: err.message }, 'list rows not loaded yet (the first request tries again)'));
  const app = createOpsApp(deps, metrics, log);
  const server = app.listen(deps.config.port, deps.config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 5000;
  const addr = server.address() as AddressInfo;
  const host = deps.config.host === '0.0.0.0' || deps.config.host === '::' ? '127.0.0.1' : deps.config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  if (!deps.config.auth.adminToken) log.warn('GONGKAI_ADMIN_TOKEN is not set: replay, reprocess and every dashboard write are disabled');
  if (deps.config.auth.publicRead) log.info('GONGKAI_PUBLIC_READ: requests without credentials may read (viewer)');
  return {
    server, url, metrics, timings,
    async close() {
      await timings.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 5000);
      await closed;
      clearTimeout(force);
    },
  };
}
