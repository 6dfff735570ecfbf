/**
 * The README's first command line, for real: `gongkai start` brings up its
 * own Redis and FerretDB as children plus the six services, processes what
 * lands in the inbox, and on Ctrl-C (SIGINT) stops everything with no
 * process left behind.
 */
import { freePort } from '@gongkai/embedded';
import { SHARED_SKIP_REASON, seedFiles, sharedAvailable } from '@gongkai/testkit';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { gongkai, gongkaiLong, processesMentioning } from '../helpers/cli.ts';
import { waitFor } from '../helpers/test-env.ts';

describe.skipIf(!sharedAvailable)(`gongkai start ${SHARED_SKIP_REASON}`, () => {
  it('runs the whole pipeline on embedded servers and leaves no orphans after Ctrl-C', async () => {
    const dir = join(inject('scratchDir'), `start-${Date.now()}`);
    const data = join(dir, 'data');
    const inbox = join(dir, 'inbox');
    const port = await freePort();
    const env = { GONGKAI_DATA: data, GONGKAI_INBOX: inbox, GONGKAI_PORT: String(port), LOG_LEVEL: 'warn' };
    const start = gongkaiLong(['start'], env);
    try {
      // the banner's last line: its lines are separate writes, and the first may arrive alone (CI saw it)
      await waitFor('gongkai start to be ready', async () => start.output().includes('Ctrl-C stops everything.') || (start.exitCode !== null && Promise.reject(new Error(start.output()))), 60_000);
      expect(start.output()).toContain(`http://127.0.0.1:${port}/admin/queues`);
      const runtime = JSON.parse(readFileSync(join(data, 'runtime.json'), 'utf8')) as { redisUrl: string; mongoUrl: string; embedded: object };
      expect(runtime.embedded).toEqual({ redis: true, mongo: true });

      mkdirSync(inbox, { recursive: true });
      for (const f of seedFiles()) copyFileSync(f.path, join(inbox, f.name));
      writeFileSync(join(inbox, 'image-renamed.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0]));

      const status = await waitFor('all six files to finish', async () => {
        const r = await gongkai(['status', '--json'], env);
        if (r.code !== 0) throw new Error(r.stderr);
        const s = JSON.parse(r.stdout) as { reports: Record<string, number>; queues: Record<string, Record<string, number>> };
        return s.reports['done']! + s.reports['failed']! === 6 ? s : null;
      }, 120_000, 500);
      expect(status.reports).toMatchObject({ done: 5, failed: 1, total: 6, queued: 0, processing: 0 });
      expect(Object.keys(status.queues)).toEqual(['decode', 'ocr', 'segment', 'extract', 'validate', 'decode-dlq', 'ocr-dlq', 'segment-dlq', 'extract-dlq', 'validate-dlq']);
      expect(status.queues['decode-dlq']).toMatchObject({ waiting: 1 });
      for (const q of ['decode', 'segment', 'extract', 'validate']) expect(Object.keys(status.queues[q]!)).toEqual(expect.arrayContaining(['waiting', 'active', 'completed', 'failed', 'delayed']));
      const health = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await health.json()).toEqual({ ok: true, mongo: true, redis: true });
    } finally {
      start.kill('SIGINT');
      await new Promise((r) => (start.exitCode !== null ? r(null) : start.once('exit', r)));
    }
    expect(start.exitCode).toBe(0);
    expect(existsSync(join(data, 'runtime.json'))).toBe(false);
    // nothing started for this data folder is still alive: servers, services, watchdogs
    await waitFor('every child to be gone', async () => processesMentioning(data).length === 0 || null, 10_000);
  });
});
