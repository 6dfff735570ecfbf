/**
 * The supervisor under the soak's conditions: several worker processes per
 * stage (GONGKAI_STAGE_PROCESSES), a worker killed with SIGKILL comes back
 * at once when it had been running fine (backoff is for crash loops), and
 * the embedded FerretDB's tables are indexed for lookups by _id.
 */
import { superviseAll } from '@gongkai/app';
import { loadConfig } from '@gongkai/config';
import { createLogger } from '@gongkai/runtime';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { waitFor } from '../helpers/test-env.ts';

describe('supervisor', () => {
  it('runs N processes per stage, restarts a killed one without backoff, and tunes FerretDB', async () => {
    const dir = join(inject('scratchDir'), `sup-${Date.now()}`);
    const env = { ...process.env, GONGKAI_DATA: join(dir, 'data'), GONGKAI_INBOX: join(dir, 'inbox'), GONGKAI_PORT: '0', LOG_LEVEL: 'silent', GONGKAI_STAGE_PROCESSES: '2' };
    const config = loadConfig(env);
    const sup = await superviseAll(config, createLogger(config, 'test'), env);
    try {
      const procs = sup.processes();
      expect(procs.filter((p) => p.service === 'decoder').map((p) => p.index)).toEqual([0, 1]);
      expect(procs.filter((p) => p.service === 'watcher')).toHaveLength(1);
      const tables = execFileSync('sqlite3', [join(config.dataDir, 'ferretdb', 'data', `${config.mongoDb}.sqlite`), "SELECT count(*) FROM sqlite_master WHERE name LIKE '%__id_path'"], { encoding: 'utf8' });
      expect(Number(tables)).toBeGreaterThanOrEqual(4);
      await new Promise((r) => setTimeout(r, 10_500)); // it ran fine for a while
      const victim = sup.processes().find((p) => p.service === 'extractor' && p.index === 1)!;
      process.kill(victim.pid!, 'SIGKILL');
      const back = await waitFor('the killed worker to be back', async () => {
        const p = sup.processes().find((q) => q.service === 'extractor' && q.index === 1)!;
        return p.pid !== null && p.pid !== victim.pid ? p : null;
      }, 5_000, 50);
      expect(back.exits).toBe(1);
      expect(sup.restarts().extractor).toBe(1);
    } finally {
      await sup.stop('test done');
    }
  });
});
