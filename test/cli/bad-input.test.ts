/**
 * One CLI error style, spawning the real `gongkai`: every command given bad
 * input (unknown flags, missing files, ids that name nothing or several, a
 * replay of a permanent error) answers one line and a usage hint, exit 2,
 * and no stack trace unless asked for with --debug. Ids resolve the same way
 * everywhere: the full sha256, a unique prefix ≥ 8, or a file name.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gongkai } from '../helpers/cli.ts';
import { pngBytes } from '../helpers/fixtures.ts';
import { testEnv, waitFor, type TestEnv } from '../helpers/test-env.ts';
import { startTestWorkers, type TestWorkers } from '../helpers/workers.ts';

let t: TestEnv;
let workers: TestWorkers | null = null;
beforeAll(async () => {
  t = await testEnv('cli-bad');
});
afterAll(async () => {
  await workers?.close();
  await t?.cleanup();
});

/** A stack frame as node prints it. */
const STACK = /^\s+at .+[(:]\d+/m;

function expectUsageError(r: { code: number | null; stdout: string; stderr: string }, message: RegExp) {
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/usage: gongkai|gongkai --help|see: gongkai|stop it/);
  expect(r.code).toBe(2);
}

describe('gongkai with bad input', () => {
  it.each<[string, string[], RegExp]>([
    ['unknown flag (status)', ['status', '--jsn'], /unknown option --jsn/],
    ['unknown flag (replay)', ['replay', '--stage', 'decode', '--al'], /unknown option --al/],
    ['unknown flag (export)', ['export', '--format', 'csv', '--yaer', '2017'], /unknown option --yaer/],
    ['unknown flag (ingest)', ['ingest', '--recursive', '/tmp'], /unknown option --recursive/],
    ['unknown flag (reprocess)', ['reprocess', '--from', 'extract', '--evrything'], /unknown option --evrything/],
    ['unknown flag (start)', ['start', '--port', '80'], /unknown option --port/],
    ['missing value', ['export', '--format'], /--format/],
    ['unexpected argument', ['status', 'now'], /unexpected argument now/],
    ['unknown command', ['stauts'], /unknown command: stauts/],
    ['missing file (extract)', ['extract', '/nonexistent.pdf'], /no such file or folder: \/nonexistent\.pdf/],
    ['missing file (ingest)', ['ingest', '/nonexistent'], /no such file or folder: \/nonexistent/],
    ['bad stage', ['replay', '--stage', 'nope', '--all'], /--stage must be one of/],
    ['incomplete replay', ['replay', '--stage', 'decode'], /say which dead letters/],
    ['bad rate', ['replay', '--stage', 'decode', '--all', '--rate', 'fast'], /--rate must be/],
    ['unknown id (replay)', ['replay', '--stage', 'decode', '--report', 'deadbeef0000'], /no report matches "deadbeef0000"/],
    ['unknown id (reprocess)', ['reprocess', '--from', 'extract', '--report', 'no-such-file.pdf'], /no report matches "no-such-file\.pdf"/],
  ])('%s: one line, a usage hint, exit 2, no stack trace', async (_what, args, message) => {
    expectUsageError(await gongkai(args, t.env), message);
  }, 300_000); // one CLI run; the first ones compile the CLI's TypeScript, minutes on a loaded machine

  it('--debug adds the stack trace to the same message', async () => {
    const r = await gongkai(['extract', '/nonexistent.pdf', '--debug'], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder/);
    expect(r.stderr).toMatch(STACK);
  });

  it('GONGKAI_DATA held by a live process: one line naming the process, exit 2, no stack', async () => {
    // this test process holds the lock file, as a running `gongkai start` would
    const data = join(t.dir, 'held');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'gongkai.lock'), String(process.pid));
    const r = await gongkai(['status'], { ...t.env, REDIS_URL: '', MONGO_URL: '', GONGKAI_DATA: data });
    expectUsageError(r, new RegExp(`is in use by process ${process.pid}`));
  });

  it('GONGKAI_PORT=abc does not stop status (it starts no server), and status prints no blank line', async () => {
    const r = await gongkai(['status'], { ...t.env, GONGKAI_PORT: 'abc' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^reports: 0 total/m);
    expect(r.stdout.trimEnd().split('\n').filter((l) => l.trim() === '')).toEqual([]);
    // start still refuses it: it is the one that listens
    const s = await gongkai(['start'], { ...t.env, GONGKAI_PORT: 'abc' });
    expect(s.code).toBe(78);
    expect(s.stderr).toMatch(/GONGKAI_PORT/);
  });
});

describe('one id everywhere, and replay of a permanent error', () => {
  it('an ambiguous prefix lists its candidates (exit 2); a unique one, the full id or the file name all resolve', async () => {
    // two reports whose ids share their first 10 characters (sha256 never does in practice: made here on purpose)
    const a = `abcdef0123${'1'.repeat(54)}`;
    const b = `abcdef0123${'2'.repeat(54)}`;
    const at = new Date().toISOString();
    await t.store.intake(a, { uri: 'file:///in/first.pdf', name: 'first.pdf', size: 1, receivedAt: at }, 'r1');
    await t.store.intake(b, { uri: 'file:///in/second.pdf', name: 'second.pdf', size: 1, receivedAt: at }, 'r1');
    const amb = await gongkai(['reprocess', '--from', 'extract', '--report', 'abcdef0123', '--dry-run', '--json'], t.env);
    expectUsageError(amb, /"abcdef0123" matches 2 reports: abcdef012311 \(first\.pdf\), abcdef012322 \(second\.pdf\)/);
    const short = await gongkai(['reprocess', '--from', 'extract', '--report', 'abcdef0', '--dry-run'], t.env);
    expectUsageError(short, /no report matches "abcdef0"/);
    for (const ref of ['abcdef01231', a, 'first.pdf', 'ABCDEF01231']) {
      const r = await gongkai(['reprocess', '--from', 'extract', '--report', ref, '--dry-run', '--json'], t.env);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ matched: 1, skipped: [{ reportId: a }] });
    }
  }, 600_000); // six CLI runs: minutes on a loaded machine

  it('replay by the id status prints: a permanent error needs --force and says why; then it is replayed', async () => {
    const file = join(t.dir, 'image-renamed.txt');
    writeFileSync(file, pngBytes());
    const id = createHash('sha256').update(pngBytes()).digest('hex');
    workers = startTestWorkers(t);
    expect((await gongkai(['ingest', file], t.env)).code).toBe(0);
    await waitFor('the decode dead letter', async () => (await t.store.getDeadLetter(`${id}-decode`))?.state === 'dead' && (await t.store.get(id))?.status === 'failed', 90_000);
    await workers.close();
    workers = null;

    const status = await gongkai(['status'], t.env);
    const shown = new RegExp(`decode\\s+(${id.slice(0, 12)})`).exec(status.stdout)?.[1];
    expect(shown).toBe(id.slice(0, 12));

    const refused = await gongkai(['replay', '--stage', 'decode', '--report', shown!], t.env);
    expectUsageError(refused, /decode failed permanently for report [0-9a-f]{12}: [A-Z_]+: .+; replaying will fail the same way unless the decode stage changed; use --force/);
    expect((await t.store.getDeadLetter(`${id}-decode`))?.state).toBe('dead');
    expect(await t.pipeline.queues.decode.getJobCountByTypes('waiting')).toBe(0);

    const elsewhere = await gongkai(['replay', '--stage', 'extract', '--report', 'image-renamed.txt'], t.env);
    expectUsageError(elsewhere, /has no dead letter waiting in extract-dlq; it has one in decode-dlq/);

    const dry = await gongkai(['replay', '--stage', 'decode', '--report', 'image-renamed.txt', '--dry-run'], t.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('needs --force');
    expect(dry.stderr).not.toMatch(/\/s\b/); // a dry run shows no rate

    const forced = await gongkai(['replay', '--stage', 'decode', '--report', 'image-renamed.txt', '--force', '--json'], t.env);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ matched: 1, replayed: 1 });
    const [job] = await t.pipeline.queues.decode.getJobs(['waiting']);
    expect(job?.name).toBe('decode: image-renamed.txt');
    // reprocess names its jobs by file too, and takes the shortest prefix
    const rep = await gongkai(['reprocess', '--from', 'decode', '--report', id.slice(0, 8), '--json'], t.env);
    expect(JSON.parse(rep.stdout)).toMatchObject({ matched: 1, started: 1 });
    expect((await t.pipeline.queues.decode.getJobs(['waiting'])).map((j) => j.name)).toEqual(['decode: image-renamed.txt', 'decode: image-renamed.txt']);
  }, 600_000);
});
