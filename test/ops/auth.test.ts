/**
 * Who may do what on the ops server, against the real servers: no
 * credentials → 401 everywhere but health (and /metrics when public); the
 * viewer reads but cannot retry, clean or remove (dashboard) nor replay
 * (API); the admin can; public read never opens a write.
 */
import { boardQueueName, startOpsServer } from '@gongkai/ops';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, VIEWER, basic, bearer, opsFixture, type OpsFixture } from './ops-fixture.ts';

let f: OpsFixture;
beforeAll(async () => {
  f = await opsFixture('opsauth', {}, { seeds: false });
});
afterAll(async () => {
  await f?.close();
});

const B = '/admin/queues';
/** Bull Board's names: grouped per stage (board.routes.ts). */
const DQ = boardQueueName('decode', 'decode');
const DLQ = boardQueueName('decode', 'decode-dlq');
/** The failed decode job of the bad file, as the dashboard names it. */
const failedDecodeJob = async () => {
  const [job] = await f.t.pipeline.queues.decode.getJobs(['failed']);
  expect(job, 'the bad file left a failed decode job').toBeTruthy();
  return job!;
};

describe('without credentials', () => {
  it.each([
    ['GET', '/reports'], ['GET', `${B}`], ['GET', `${B}/api/queues`], ['GET', '/api/reports'], ['GET', '/api/status'],
    ['GET', '/api/dead-letters'], ['POST', '/api/replay'], ['POST', '/api/reprocess'],
    ['PUT', `${B}/api/queues/${DQ}/retry/failed`], ['PUT', `${B}/api/queues/${DQ}/clean/failed`], ['PUT', `${B}/api/queues/${DLQ}/empty`],
    ['PUT', `${B}/api/queues/${DQ}/pause`], ['POST', `${B}/api/queues/${DQ}/add`],
  ])('%s %s is 401', async (method, path) => {
    const r = await f.send(method, path, method === 'GET' ? undefined : { stage: 'decode', all: true });
    expect(r.status).toBe(401);
  });

  it('the browser pages challenge for basic auth', async () => {
    for (const p of ['/reports', B]) expect((await f.get(p)).headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('wrong credentials are 401, never public read', async () => {
    expect((await f.get('/api/reports', bearer('x'.repeat(30)))).status).toBe(401);
    expect((await f.get('/api/reports', basic('admin', VIEWER.slice(0, -1)))).status).toBe(401);
    expect((await f.get('/api/reports', { authorization: 'Token abc' })).status).toBe(401);
  });

  it('health, readiness and (public) metrics answer', async () => {
    expect((await f.get('/healthz')).status).toBe(200);
    expect(await (await f.get('/readyz')).json()).toEqual({ ok: true, mongo: true, redis: true });
    expect((await f.get('/metrics')).status).toBe(200);
  });
});

describe('the viewer', () => {
  const v = bearer(VIEWER);

  it('reads the API, the pages and a read-only dashboard', async () => {
    expect((await f.get('/api/reports', v)).status).toBe(200);
    expect((await f.get('/reports', basic('viewer', VIEWER))).status).toBe(200);
    expect((await f.get(B, v)).status).toBe(200);
    const { queues } = (await (await f.get(`${B}/api/queues`, v)).json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(queues.map((q) => q.name)).toEqual([
      '1-decode:decode', '1-decode:decode-dlq', '2-ocr:ocr', '2-ocr:ocr-dlq', '3-segment:segment', '3-segment:segment-dlq',
      '4-extract:extract', '4-extract:extract-dlq', '5-validate:validate', '5-validate:validate-dlq',
    ]);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('cannot retry, clean, remove, empty, add or replay, and nothing changes', async () => {
    const job = await failedDecodeJob();
    const attempts = [
      ['PUT', `${B}/api/queues/${DQ}/${job.id}/retry`], ['PUT', `${B}/api/queues/${DQ}/retry/failed`],
      ['PUT', `${B}/api/queues/${DQ}/${job.id}/clean`], ['PUT', `${B}/api/queues/${DQ}/clean/failed`],
      ['PUT', `${B}/api/queues/${DLQ}/empty`], ['PUT', `${B}/api/queues/${DLQ}/obliterate`], ['POST', `${B}/api/queues/${DQ}/add`],
      ['POST', '/api/replay'], ['POST', '/api/reprocess'],
    ] as const;
    for (const [method, path] of attempts) {
      const r = await f.send(method, path, path.startsWith('/api/') ? { stage: 'decode', from: 'decode', all: true } : {}, basic('viewer', VIEWER));
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect(await f.t.pipeline.queues.decode.getJobState(job.id!)).toBe('failed');
    expect(await f.t.pipeline.dlqs.decode.count()).toBe(1);
    expect((await f.t.store.listDeadLetters({ stage: 'decode' }))[0]!.state).toBe('dead');
  });
});

describe('the admin', () => {
  it('gets the full dashboard, where a retry is a replay: a permanent failure is refused with the reason (books.test.ts has the rest)', async () => {
    const { queues } = (await (await f.get(`${B}/api/queues`, bearer(ADMIN))).json()) as { queues: Array<{ readOnlyMode: boolean }> };
    expect(queues.some((q) => q.readOnlyMode)).toBe(false);
    const job = await failedDecodeJob();
    const r = await f.send('PUT', `${B}/api/queues/${DQ}/${job.id}/retry`, {}, basic('admin', ADMIN));
    expect(r.status).toBe(409);
    expect(((await r.json()) as { message: string }).message).toMatch(/--force/);
    expect(await f.t.pipeline.queues.decode.getJobState(job.id!)).toBe('failed');
  });

  it('is refused a write from another site (CSRF), even with valid credentials', async () => {
    const r = await f.send('POST', '/api/replay', { stage: 'decode', all: true, dryRun: true }, { ...basic('admin', ADMIN), origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const ok = await f.send('POST', '/api/replay', { stage: 'decode', all: true, dryRun: true }, { ...basic('admin', ADMIN), origin: f.ops.url });
    expect(ok.status).toBe(200);
  });
});

describe('GONGKAI_METRICS_PUBLIC=false', () => {
  it('makes /metrics need the viewer or admin token', async () => {
    const closed = await startOpsServer({ ...f.t, config: { ...f.t.config, auth: { ...f.t.config.auth, metricsPublic: false } } }, f.t.log);
    try {
      expect((await fetch(`${closed.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${closed.url}/metrics`, { headers: bearer(VIEWER) })).status).toBe(200);
      expect((await fetch(`${closed.url}/metrics`, { headers: bearer(ADMIN) })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe('public read (GONGKAI_PUBLIC_READ, the loopback default)', () => {
  let open: OpsFixture;
  beforeAll(async () => {
    open = await opsFixture('opspublic', { GONGKAI_PUBLIC_READ: 'true', GONGKAI_METRICS_PUBLIC: 'false' }, { seeds: false });
  });
  afterAll(async () => {
    await open?.close();
  });

  it('reads without credentials but every write stays 401', async () => {
    expect((await open.get('/api/reports')).status).toBe(200);
    expect((await open.get(`${B}/api/queues`)).status).toBe(200);
    for (const [method, path] of [['POST', '/api/replay'], ['PUT', `${B}/api/queues/${DQ}/retry/failed`], ['PUT', `${B}/api/queues/${DLQ}/empty`]] as const) {
      expect((await open.send(method, path, { stage: 'decode', all: true })).status, `${method} ${path}`).toBe(401);
    }
  });

  it('/admin/login makes a browser send the admin token (it would never be challenged otherwise)', async () => {
    const anon = await fetch(`${open.ops.url}/admin/login`, { redirect: 'manual' });
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await fetch(`${open.ops.url}/admin/login`, { redirect: 'manual', headers: basic('viewer', VIEWER) })).status).toBe(401);
    const admin = await fetch(`${open.ops.url}/admin/login`, { redirect: 'manual', headers: basic('admin', ADMIN) });
    expect(admin.status).toBe(302);
    expect(admin.headers.get('location')).toBe(B);
  });

  it('lets anonymous readers see /metrics even when GONGKAI_METRICS_PUBLIC=false (they have viewer rights)', async () => {
    expect((await open.get('/metrics')).status).toBe(200);
  });
});
