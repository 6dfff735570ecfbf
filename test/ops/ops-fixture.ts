/**
 * What the ops suites share: a suite's slice of the real servers, the four
 * stage workers, the folder watcher, the five seeds and one bad file run
 * through the real pipeline, and an ops server on a free port.
 */
import { STAGES, isDone, type Report } from '@gongkai/core';
import { startOpsServer, type OpsServer } from '@gongkai/ops';
import { readShared, seedFiles } from '@gongkai/testkit';
import type { FolderSource } from '@gongkai/watcher';
import { pngBytes } from '../helpers/fixtures.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { drop, folderSource } from '../helpers/watch.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

export const ADMIN = 'admin-token-0123456789abcdef';
export const VIEWER = 'viewer-token-0123456789abcdef';
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (user: string, token: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` });

export interface OpsFixture {
  t: TestEnv;
  ops: OpsServer;
  /** Report ids of the seeds, in seed order. */
  seedIds: string[];
  /** Report id of the PNG renamed .txt (dead-lettered at decode). */
  badId: string;
  /** fetch against the ops server. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  send(method: string, path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export { drop };

export async function opsFixture(name: string, env: Record<string, string> = {}, opts: { seeds?: boolean } = {}): Promise<OpsFixture> {
  const t = await testEnv(name, { GONGKAI_ADMIN_TOKEN: ADMIN, GONGKAI_VIEWER_TOKEN: VIEWER, GONGKAI_PUBLIC_READ: 'false', ...env });
  const workers: TestWorkers = startTestWorkers(t);
  const watcher: FolderSource = folderSource(t);
  await watcher.start();
  const ops = await startOpsServer(t, t.log, { timings: { everyMs: 200, since: 0 } });
  const seedIds = opts.seeds === false ? [] : seedFiles().map((f) => drop(t, f.name, readShared(f.rel)));
  const badId = drop(t, 'bad/image.txt', pngBytes());
  for (const id of [...seedIds, badId]) {
    await waitFor(`report ${id.slice(0, 8)} to finish`, async () => {
      const r: Report | null = await t.store.get(id);
      return r && (isDone(r.status) || r.status === 'failed');
    }, 90_000);
  }
  // a report is done once validate has stored it, a moment before BullMQ marks that job completed:
  // wait for the queues to settle, so the timings and queue counts describe the same jobs
  await waitFor('stage jobs to settle', async () => {
    const counts = await t.pipeline.counts();
    return STAGES.every((s) => counts[s]!.active === 0 && counts[s]!.waiting === 0);
  }, 30_000);
  await ops.timings.poll();
  return {
    t, ops, seedIds, badId,
    get: (path, headers = {}) => fetch(`${ops.url}${path}`, { headers }),
    send: (method, path, body, headers = {}) =>
      fetch(`${ops.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    async close() {
      await ops.close();
      await watcher.stop();
      await workers.close();
      await t.cleanup();
    },
  };
}
