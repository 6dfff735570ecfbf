/**
 * npm run fuzz -- [--n 1000] [--seed 3] [--keep]
 *
 * At least N hostile files (scripts/fuzz/hostile.build.ts) dropped into the
 * inbox of the pipeline as `gongkai start` runs it, with a symlink in the
 * inbox pointing at a canary file outside it. Must hold: no service process
 * exits (crash) and nothing hangs (every file ends, in a bounded time, as a
 * document or a dead letter with a reason); nothing outside the inbox and
 * data folders is read or written; memory stays bounded. Prints a table,
 * writes results/fuzz-<time>.json, exits 1 on any violation.
 *
 * Stage timeouts are 30 s and attempts 2 here (defaults: 120 s, 5) so a
 * run ends in minutes; what is measured is that every file ends, not when.
 */
import { isIgnoredName } from '@gongkai/watcher';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessProcesses, sampleProcesses, settled, startHarness, waitUntil } from './bench/pipeline/pipeline.harness.ts';
import { parseArgs } from './corpus/cli.args.ts';
import { Rng } from './corpus/rng.ts';
import { buildHostile } from './fuzz/hostile.build.ts';
import { canaryRead, filesContaining, openFilesOutside, plantCanary } from './fuzz/outside.watch.ts';
import { checkInvariants } from './soak/invariants.check.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const n = args.num('n', 1000);
const rng = new Rng(args.num('seed', 3));
const maxRssMb = args.num('max-rss-mb', 3072);
const say = (s: string) => process.stderr.write(`[fuzz ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const files = await buildHostile(rng, n);
const outside = mkdtempSync(join(tmpdir(), 'gongkai-outside-'));
const canary = plantCanary(outside);
const outsideBefore = readdirSync(outside).sort().join('\n');
const inputs = new Set(files.filter((f) => !f.name.split('/').some(isIgnoredName)).map((f) => createHash('sha256').update(f.bytes).digest('hex')));
const kinds = new Map<string, number>();
for (const f of files) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);

const stage = (k: string, v: string) => Object.fromEntries(['DECODE', 'SEGMENT', 'EXTRACT', 'VALIDATE'].map((s) => [`GONGKAI_${s}_${k}`, v]));
const h = await startHarness('fuzz', { ...stage('TIMEOUT_MS', '30000'), ...stage('ATTEMPTS', '2'), ...stage('BACKOFF_MS', '500') });
const violations: string[] = [];
const peakRss = new Map<string, number>();
const strays = new Set<string>();
let exitCode = 0;
const t0 = Date.now();
try {
  say(`${files.length} hostile files (${inputs.size} distinct contents the watcher takes), data in ${h.dir}`);
  await settled(h);
  const sampler = setInterval(() => {
    for (const p of sampleProcesses(h)) peakRss.set(p.name, Math.max(peakRss.get(p.name) ?? 0, p.rssMb));
    const pids = harnessProcesses(h).map((p) => p.pid);
    for (const s of openFilesOutside(pids, [h.config.inbox, h.config.dataDir, repo])) strays.add(s);
  }, 250);
  symlinkSync(canary.path, join(h.config.inbox, 'link-to-outside.txt'));
  symlinkSync(outside, join(h.config.inbox, 'link-to-outside-dir'));
  for (const f of files) {
    const p = join(h.config.inbox, f.name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
  }
  say('all dropped; waiting for every file to end');
  await waitUntil('every hostile file finished', async () => {
    const f = await h.finished().catch(() => ({ done: 0, dead: 0 }));
    process.stderr.write(`\r  finished ${f.done + f.dead}/${inputs.size} (dead-lettered ${f.dead})   `);
    return f.done + f.dead >= inputs.size;
  }, args.num('timeout-min', 30) * 60_000, 2000).catch((e: Error) => violations.push(`hang: ${e.message}`));
  process.stderr.write('\n');
  clearInterval(sampler);
  const c = await checkInvariants(h, inputs);
  violations.push(...c.violations.map((v) => `${v.reportId.slice(0, 12)}: ${v.problem}`));
  violations.push(...c.pending.map((id) => `${id.slice(0, 12)}: never finished`));
  const exits = h.sup.processes().filter((p) => p.exits > 0);
  for (const p of exits) violations.push(`crash: ${p.service}#${p.index} exited ${p.exits}× (restarted by the supervisor)`);
  if (canaryRead(canary)) violations.push(`read outside the inbox: ${canary.path} was accessed`);
  const leaked = filesContaining(h.config.dataDir, canary.marker);
  if (leaked.length) violations.push(`the canary's content is stored: ${leaked.join(', ')}`);
  if (readdirSync(outside).sort().join('\n') !== outsideBefore) violations.push(`written outside: ${outside} changed`);
  for (const s of strays) violations.push(`open file outside the inbox and data folders: ${s}`);
  for (const [name, mb] of peakRss) if (mb > maxRssMb) violations.push(`memory: ${name} peaked at ${Math.round(mb)} MB (bound ${maxRssMb} MB)`);
  // what the dead letters say, by kind of input
  const reasons = new Map<string, number>();
  for (const dl of await h.store.listDeadLetters({})) reasons.set(`${dl.stage} ${dl.error.code}`, (reasons.get(`${dl.stage} ${dl.error.code}`) ?? 0) + 1);
  if (violations.length > 0) exitCode = 1;
  const rows: Array<[string, string | number]> = [
    ['hostile files', files.length], ['distinct inputs taken in', inputs.size], ['report documents', c.documents ?? 'not counted'], ['done', c.done],
    ['failed, in a DLQ with a reason', c.failed], ['service crashes', exits.reduce((s, p) => s + p.exits, 0)],
    ['canary read', canaryRead(canary) ? 'yes' : 'no'], ['open files outside (sampled every 250 ms)', strays.size],
    ['peak RSS MB', [...peakRss].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')],
    ['minutes', Math.round((Date.now() - t0) / 600) / 100], ['violations', violations.length],
  ];
  process.stdout.write(`\n## fuzz\n${rows.map(([k, v]) => `${k.padEnd(44)} ${v}`).join('\n')}\n`);
  process.stdout.write(`  inputs: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(' · ')}\n`);
  process.stdout.write(`  dead letters: ${[...reasons].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(' · ')}\n`);
  for (const v of violations.slice(0, 30)) process.stdout.write(`  VIOLATION ${v}\n`);
  const out = join(repo, 'results', `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(repo, 'results'), { recursive: true });
  writeFileSync(out, JSON.stringify({ rows: Object.fromEntries(rows), kinds: Object.fromEntries(kinds), deadLetters: Object.fromEntries(reasons), peakRss: Object.fromEntries(peakRss), violations }, null, 2));
  process.stdout.write(`written ${out}\n${exitCode === 0 ? 'PASS' : 'FAIL'}\n`);
} catch (err) {
  exitCode = 2;
  process.stderr.write(`fuzz failed: ${(err as Error).stack}\n`);
} finally {
  await h.stop(args.has('keep'));
  rmSync(outside, { recursive: true, force: true });
}
process.exit(exitCode);
