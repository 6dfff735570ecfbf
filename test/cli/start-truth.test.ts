/**
 * Start-up that tells the truth: `gongkai start` prints its banner only once
 * every service is up and ops answers /readyz, with the URL ops actually
 * bound (GONGKAI_PORT=0 resolved); a port in use is one line naming the port
 * and its holder, exit 2, no restart loop; a service that dies the same way
 * at start-up again and again is given up after START_FAILURES_MAX tries.
 */
import { START_FAILURES_MAX, StartUpError, describePortHolder, superviseAll } from '@gongkai/app';
import { startOpsServer } from '@gongkai/ops';
import { loadConfig } from '@gongkai/config';
import { createLogger } from '@gongkai/runtime';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { gongkai, gongkaiLong, processesMentioning } from '../helpers/cli.ts';
import { testEnv, waitFor } from '../helpers/test-env.ts';

const STACK = /^\s+at .+[(:]\d+/m;

function folders(name: string) {
  const dir = join(inject('scratchDir'), `${name}-${Date.now()}`);
  return { dir, data: join(dir, 'data'), inbox: join(dir, 'inbox') };
}

describe('gongkai start tells the truth', () => {
  it('GONGKAI_PORT=0: the banner names the port ops bound, and comes once /readyz answers', async () => {
    const { data, inbox } = folders('start0');
    const env = { GONGKAI_DATA: data, GONGKAI_INBOX: inbox, GONGKAI_PORT: '0', LOG_LEVEL: 'warn' };
    const start = gongkaiLong(['start'], env);
    try {
      const url = await waitFor('the banner', async () => {
        if (start.exitCode !== null) throw new Error(start.output());
        return /dashboard\s+(http:\/\/127\.0\.0\.1:(\d+))\/admin\/queues/.exec(start.output());
      }, 300_000, 100);
      // asked at once: the banner came after readiness, not before it
      const ready = await fetch(`${url[1]}/readyz`);
      expect(ready.status).toBe(200);
      expect(Number(url[2])).toBeGreaterThan(0);
      expect(start.output()).not.toContain(':0/');
      expect(start.output().match(/gongkai is running/g)).toHaveLength(1);
      // other commands find the dashboard where it really is: runtime.json and `status` name the bound port
      const runtime = JSON.parse(readFileSync(join(data, 'runtime.json'), 'utf8')) as { opsUrl?: string };
      expect(runtime.opsUrl).toBe(url[1]);
      const status = await gongkai(['status'], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`dashboard: ${url[1]}/admin/queues`);
    } finally {
      start.kill('SIGINT');
      await new Promise((r) => (start.exitCode !== null ? r(null) : start.once('exit', r)));
    }
    expect(start.exitCode).toBe(0);
    await waitFor('every child to be gone', async () => processesMentioning(data).length === 0 || null, 10_000);
  }, 420_000); // minutes when the machine is loaded: bounded all the same

  it('a port in use: one line naming the port and its holder, exit 2, no restart and no orphans', async () => {
    const { data, inbox } = folders('start-taken');
    const holder = createServer((_req, res) => res.end('not gongkai'));
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as AddressInfo).port;
    try {
      const r = await gongkai(['start'], { GONGKAI_DATA: data, GONGKAI_INBOX: inbox, GONGKAI_PORT: String(port), LOG_LEVEL: 'warn' }, 300_000);
      expect(r.code).toBe(2);
      const line = r.stderr.split('\n').find((l) => l.startsWith('gongkai start:'));
      expect(line).toMatch(new RegExp(`^gongkai start: port ${port} on 127\\.0\\.0\\.1 is already in use by process \\S+, pid ${process.pid};`));
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toContain('gongkai is running');
      expect(r.stderr).not.toContain('restarting');
    } finally {
      holder.close();
    }
    await waitFor('every child to be gone', async () => processesMentioning(data).length === 0 || null, 10_000);
  }, 360_000);

  it('the holder of a port is named: another gongkai says so on /healthz', async () => {
    const t = await testEnv('holder');
    const ops = await startOpsServer(t, t.log);
    try {
      const port = Number(new URL(ops.url).port);
      expect(await describePortHolder('127.0.0.1', port)).toMatch(
        new RegExp(`^another gongkai \\([^,]+, pid ${process.pid}; its dashboard: http://127\\.0\\.0\\.1:${port}/admin/queues\\)$`),
      );
    } finally {
      await ops.close();
      await t.cleanup();
    }
  });

  it(`a service that dies the same way at start-up ${START_FAILURES_MAX} times is given up, and the supervisor says so`, async () => {
    const { dir, data } = folders('sup-crash');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    // the watcher cannot create its inbox under a file: it dies at start-up, the same way every time
    const env = { ...process.env, GONGKAI_DATA: data, GONGKAI_INBOX: join(dir, 'a-file', 'inbox'), GONGKAI_PORT: '0', LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    const sup = await superviseAll(config, createLogger(config, 'test'), env);
    try {
      const e = await sup.ready.then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(StartUpError);
      expect((e as StartUpError).service).toBe('watcher');
      expect((e as Error).message).toMatch(new RegExp(`watcher service failed the same way ${START_FAILURES_MAX} times while starting \\(exit code 1\\); not restarting`));
      await new Promise((r) => setTimeout(r, 3000)); // longer than the next backoff: no further try
      const watcher = sup.processes().find((p) => p.service === 'watcher')!;
      expect(watcher.exits).toBe(START_FAILURES_MAX);
      expect(watcher.pid).toBeNull();
    } finally {
      await sup.stop('test done');
    }
  }, 420_000);
});
