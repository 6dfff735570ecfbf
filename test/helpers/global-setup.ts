/**
 * Starts the real servers the integration suites share, once: a private
 * redis-server and FerretDB (the same embedded infrastructure `npm start`
 * uses) in a temporary data folder. GONGKAI_TEST_REDIS_URL /
 * GONGKAI_TEST_MONGO_URL point the suites at other servers instead.
 * Each suite then takes its own database and Redis key prefix (test-env.ts).
 */
import { loadConfig } from '@gongkai/config';
import { startInfra } from '@gongkai/embedded';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    mongoUrl: string;
    /** A scratch folder for the run (suites make sub-folders). */
    scratchDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratchDir = mkdtempSync(join(tmpdir(), 'gongkai-it-'));
  const env: Record<string, string | undefined> = { GONGKAI_DATA: join(scratchDir, 'shared-servers') };
  if (process.env['GONGKAI_TEST_REDIS_URL']) env['REDIS_URL'] = process.env['GONGKAI_TEST_REDIS_URL'];
  if (process.env['GONGKAI_TEST_MONGO_URL']) env['MONGO_URL'] = process.env['GONGKAI_TEST_MONGO_URL'];
  const infra = await startInfra(loadConfig(env));
  project.provide('redisUrl', infra.redisUrl);
  project.provide('mongoUrl', infra.mongoUrl);
  project.provide('scratchDir', scratchDir);
  return async () => {
    await infra.stop();
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
