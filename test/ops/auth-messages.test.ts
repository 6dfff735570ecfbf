/**
 * Auth messages say the cause (issue 19, item 6): with no admin token set,
 * the login page and the API say so and how to set it; anonymous readers get
 * no stack traces and no absolute paths (the admin does).
 */
import { startOpsServer, type OpsServer } from '@gongkai/ops';
import { homedir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, VIEWER, basic, bearer, opsFixture, type OpsFixture } from './ops-fixture.ts';
import { waitFor } from '../helpers/test-env.ts';

let f: OpsFixture;
beforeAll(async () => {
  f = await opsFixture('opsauthmsg', { GONGKAI_PUBLIC_READ: 'true' }, { seeds: false });
});
afterAll(async () => {
  await f?.close();
});

/** The ops server over the same servers, with other auth settings. */
async function withAuth(auth: Partial<OpsFixture['t']['config']['auth']>, run: (url: string) => Promise<void>) {
  const ops: OpsServer = await startOpsServer({ ...f.t, config: { ...f.t.config, auth: { ...f.t.config.auth, ...auth } } }, f.t.log);
  try {
    await run(ops.url);
  } finally {
    await ops.close();
  }
}

describe('with no admin token set', () => {
  it('the API says the admin token is not set and how to set it, for a write and for a viewer asking for one', async () => {
    await withAuth({ adminToken: null, publicRead: true }, async (url) => {
      const anon = await fetch(`${url}/api/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"stage":"decode","all":true}' });
      expect(anon.status).toBe(401);
      const body = (await anon.json()) as { error: string; message: string };
      expect(body.error).toBe('admin token not set');
      expect(body.message).toMatch(/admin token is not set/);
      expect(body.message).toMatch(/GONGKAI_ADMIN_TOKEN/);
      const viewer = await fetch(`${url}/api/replay`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(VIEWER) }, body: '{"stage":"decode","all":true}' });
      expect(viewer.status).toBe(403);
      expect(((await viewer.json()) as { message: string }).message).toMatch(/no admin token is set.*GONGKAI_ADMIN_TOKEN/);
    });
  });

  it('the login page says the admin token is not set instead of asking for it again and again', async () => {
    await withAuth({ adminToken: null, publicRead: true }, async (url) => {
      const r = await fetch(`${url}/admin/login`, { redirect: 'manual' });
      expect(r.status).toBe(503);
      expect(r.headers.get('www-authenticate')).toBeNull();
      const text = await r.text();
      expect(text).toMatch(/admin token is not set/);
      expect(text).toMatch(/GONGKAI_ADMIN_TOKEN/);
    });
  });

  it('with no token at all and public read off, reading says that no token is set', async () => {
    await withAuth({ adminToken: null, viewerToken: null, publicRead: false }, async (url) => {
      const r = await fetch(`${url}/api/reports`);
      expect(r.status).toBe(401);
      const body = (await r.json()) as { message: string };
      expect(body.message).toMatch(/no admin or viewer token is set/);
      expect(body.message).toMatch(/GONGKAI_PUBLIC_READ=true/);
    });
  });

  it('with a token set, a wrong token is named as such', async () => {
    const r = await f.get('/api/reports', basic('admin', 'x'.repeat(24)));
    expect(r.status).toBe(401);
    expect(((await r.json()) as { message: string }).message).toMatch(/neither the admin nor the viewer token/);
  });
});

describe('anonymous readers', () => {
  const paths = () => [f.t.dir, f.t.config.inbox, f.t.config.dataDir, process.cwd(), homedir()];

  it('get /api/dead-letters, a report and its history without stack traces or absolute paths; the admin gets them', async () => {
    await waitFor('the dead letter', async () => (await f.t.store.listDeadLetters({ reportId: f.badId })).length === 1, 30_000);
    const adminText = await (await f.get('/api/dead-letters', bearer(ADMIN))).text();
    expect(adminText).toContain('"stack"');
    expect(paths().some((p) => adminText.includes(p))).toBe(true);
    for (const path of ['/api/dead-letters', `/api/reports/${f.badId}`, `/api/reports/${f.badId}/history`, '/api/reports', '/api/status']) {
      const r = await f.get(path);
      expect(r.status, path).toBe(200);
      const text = await r.text();
      expect(text, path).not.toContain('"stack"');
      for (const p of paths()) expect(text, `${path} shows ${p}`).not.toContain(p);
      expect(text, path).not.toMatch(/file:\/\/\//);
    }
    // what is kept: the reason a person needs, and the file's name
    const dl = (await (await f.get('/api/dead-letters')).json()) as { items: Array<{ error: { code: string; message: string } }> };
    expect(dl.items[0]!.error.code).toBe('BINARY_FILE');
    expect(dl.items[0]!.error.message.length).toBeGreaterThan(10);
  });

  it("get the dashboard's jobs without stack traces (the admin gets them)", async () => {
    const q = '/admin/queues/api/queues?activeQueue=1-decode%3Adecode&status=failed&page=1&jobsPerPage=10';
    const adminText = await (await f.get(q, basic('admin', ADMIN))).text();
    expect(adminText).toMatch(/"stacktrace":\["/);
    const r = await f.get('/admin/queues/api/queues?activeQueue=1-decode%3Adecode&status=failed&page=1&jobsPerPage=10');
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('"stacktrace":[]');
    for (const p of paths()) expect(text).not.toContain(p);
  });
});
