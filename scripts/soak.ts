/**
 * npm run soak -- [--n 5000] [--seed 7] [--kill-every 4] [--bad 30] [--keep]
 *
 * The pipeline as `gongkai start` runs it, fed N generated reports (plus a
 * few bad files, plus duplicates of files already processed) while faults
 * happen: kill -9 of a random worker process every few seconds (the
 * supervisor restarts it), one restart of the private Redis (AOF), FerretDB
 * stopped for 10 s. Then: every distinct input must be exactly one report
 * document, done or failed; every failed one in a DLQ with a reason; a
 * replay of the DLQs must bring every transient failure to done. Prints a
 * table, writes results/soak-<time>.json, exits 1 on any violation.
 */
import { STAGES } from '@gongkai/core';
import { replayDeadLetters } from '@gongkai/pipeline';
import { createLogger } from '@gongkai/runtime';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settled, startHarness, waitUntil } from './bench/pipeline/pipeline.harness.ts';
import { dropFile } from './bench/pipeline/queued.run.ts';
import { parseArgs } from './corpus/cli.args.ts';
import { readAnswers, writeCorpus } from './corpus/corpus.generate.ts';
import { Rng } from './corpus/rng.ts';
import { type FaultLog, killRandomWorker, pauseMongo, restartRedis, restarted } from './soak/faults.ts';
import { checkInvariants, type CheckResult } from './soak/invariants.check.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const n = args.num('n', 5000);
const seed = args.num('seed', 7);
const killEvery = args.num('kill-every', 4) * 1000;
const badCount = args.num('bad', Math.max(5, Math.round(n / 200)));
const rng = new Rng(seed);
const say = (s: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const corpusDir = join(repo, '.corpus', `n${n}-s${seed}`);
writeCorpus(corpusDir, n, { seed });
const answers = readAnswers(corpusDir);
// bad files: permanent failures that must end failed, with a reason, and stay so after the replay
const bad = Array.from({ length: badCount }, (_, i) => ({
  name: `bad-${i}.${['txt', 'pdf', 'docx'][i % 3]}`,
  bytes: i % 4 === 0 ? new Uint8Array(0).fill(0, 0) : rng.bytes(200 + i),
})).filter((b, i) => b.bytes.length > 0 || i === 0);
const inputs = new Set([...answers.map((a) => a.sha256), ...bad.map((b) => createHash('sha256').update(b.bytes).digest('hex'))]);

const h = await startHarness('soak', {
  GONGKAI_LOCK_MS: '5000', GONGKAI_SHUTDOWN_MS: '5000', GONGKAI_STAGE_PROCESSES: args.get('processes', '1'),
});
const faults: FaultLog[] = [];
const log = createLogger({ logLevel: 'warn' }, 'soak', { stderr: true });
let exitCode = 0;
let checked: CheckResult | null = null;
let afterReplay: CheckResult | null = null;
const t0 = Date.now();
try {
  say(`${n} reports + ${bad.length} bad files, data in ${h.dir}`);
  await settled(h);
  // the killer: a random worker every few seconds until everything is in
  let killing = true;
  const killer = (async () => {
    while (killing) {
      await new Promise((r) => setTimeout(r, killEvery * (0.5 + rng.next())));
      if (!killing) break;
      const f = killRandomWorker(h, rng);
      if (f) faults.push(f);
    }
  })();
  // drop everything over a while, with duplicates of earlier files under new names
  const dropped: string[] = [];
  const perSecond = args.num('rate', 40);
  let redisDone = false;
  let mongoDone = false;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i]!;
    dropFile(corpusDir, h.config.inbox, a.file);
    dropped.push(a.file);
    if (i % 20 === 0 && dropped.length > 50 && rng.chance(0.8)) {
      const again = rng.pick(dropped.slice(0, dropped.length - 40));
      dropFile(corpusDir, h.config.inbox, again, `dup/${Date.now()}-${again.replaceAll('/', '_')}`);
    }
    if (i === Math.floor(answers.length * 0.3) && !redisDone) {
      redisDone = true;
      faults.push(await restartRedis(h));
      say(`fault: ${faults.at(-1)!.detail}`);
    }
    if (i === Math.floor(answers.length * 0.6) && !mongoDone) {
      mongoDone = true;
      faults.push(await pauseMongo(h, 10_000));
      say(`fault: ${faults.at(-1)!.detail}`);
    }
    if (i % perSecond === 0) await new Promise((r) => setTimeout(r, 1000));
  }
  bad.forEach((b, i) => writeFileSync(join(h.config.inbox, b.name), b.bytes, { flag: 'w' }) ?? i);
  say(`all dropped after ${Math.round((Date.now() - t0) / 1000)} s; waiting for the pipeline`);
  await waitUntil('every input finished', async () => {
    const f = await h.finished().catch(() => ({ done: 0, dead: 0 }));
    process.stderr.write(`\r  finished ${f.done + f.dead}/${inputs.size} (dead-lettered ${f.dead}), faults ${faults.length}   `);
    return f.done + f.dead >= inputs.size;
  }, 3_600_000, 2000);
  killing = false;
  await killer;
  process.stderr.write('\n');
  // re-drop duplicates of processed files: nothing may change
  for (const file of answers.slice(0, 50).map((a) => a.file)) dropFile(corpusDir, h.config.inbox, file, `late-dup/${file.replaceAll('/', '_')}`);
  await new Promise((r) => setTimeout(r, 8000 + h.config.lockMs * 2));
  const settle = async () => {
    // wait for what is still in progress (by _id: FerretDB reads whole documents), then check everything once; the
    // reports found done on the way are not read again (each read decodes a whole document: the check of a 5,000 soak
    // was two thirds of its time), the failed and the pending are, and the documents are counted once, at the end
    const first = await checkInvariants(h, inputs, { count: false });
    const done = new Set(first.doneIds);
    // what those passes found wrong with a done report (its list row) stands: the last pass does not read it again
    const ofDone = (r: CheckResult) => r.violations.filter((x) => r.doneIds.includes(x.reportId));
    const found = ofDone(first);
    let pending = first.pending;
    for (let i = 0; i < 60 && pending.length > 0; i++) {
      say(`${pending.length} reports still in progress (stalled jobs are taken over within ~1.5 × lock); waiting`);
      await new Promise((r) => setTimeout(r, 5000));
      const again = await checkInvariants(h, new Set(pending), { count: false });
      for (const id of again.doneIds) done.add(id);
      found.push(...ofDone(again));
      pending = again.pending;
    }
    const last = await checkInvariants(h, inputs, { knownDone: done });
    return { ...last, violations: [...found, ...last.violations] };
  };
  checked = await settle();
  say(`after faults: ${checked.done} done, ${checked.failed} failed (${checked.transient.length} transient, ${checked.permanent.length} permanent), ${checked.pending.length} pending, ${checked.violations.length} violations`);
  // replay every DLQ, then every transient failure must end done
  // force: the permanent failures are replayed too, and must end failed again
  for (const stage of STAGES) await replayDeadLetters({ ...h, log }, { stage, ratePerSec: 200, operator: 'soak', force: true });
  const transient = new Set(checked.transient);
  await waitUntil('replayed reports finished', async () => {
    let open = 0;
    for (const id of transient) {
      const d = await h.store.reports.findOne({ _id: id }, { projection: { status: 1 } });
      if (!d || d.status === 'processing' || d.status === 'queued') open++;
    }
    return open === 0;
  }, 600_000, 2000).catch((e: Error) => say(e.message));
  afterReplay = await settle();
  // a context refresh that could not be queued in the MongoDB outage is owed in the progress ledger (Progress.refresh)
  // and queued by the sweeper once the store is back: none may be left
  const owed = async () => (await h.pipeline.progress.dueBefore(Number.MAX_SAFE_INTEGER, 1_000_000)).filter((p) => p.refresh);
  await waitUntil('owed context refreshes queued', async () => (await owed()).length === 0, 4 * h.pipeline.settleMs, 2000).catch((e: Error) => say(e.message));
  for (const p of await owed()) afterReplay.violations.push({ reportId: p.reportId, problem: 'a context refresh owed since the outage was never queued' });
  for (const id of transient) {
    if (afterReplay.transient.includes(id) || afterReplay.permanent.includes(id)) afterReplay.violations.push({ reportId: id, problem: 'transient failure not brought to done by the replay' });
  }
  // the generated reports are all readable: after the replay every one must be done (a failure
  // such as INPUT_MISSING would mean a stage's stored output was lost)
  const notDone = new Set([...afterReplay.transient, ...afterReplay.permanent]);
  for (const a of answers) if (notDone.has(a.sha256)) afterReplay.violations.push({ reportId: a.sha256, problem: 'a generated report did not end done' });
  const violations = [...checked.violations, ...afterReplay.violations, ...afterReplay.pending.map((id) => ({ reportId: id, problem: 'never finished' }))];
  if (violations.length > 0) exitCode = 1;
  const restarts = h.sup.processes().reduce((s, p) => s + p.exits, 0);
  const rows = [
    ['distinct inputs', inputs.size], ['files dropped (with duplicates)', dropped.length + bad.length + 50 + Math.round(dropped.length / 25)],
    ['report documents', afterReplay.documents ?? 'not counted'], ['done', afterReplay.done], ['failed (permanent, in a DLQ)', afterReplay.permanent.length],
    ['failed after the faults, transient', checked.transient.length], ['  … done after replay', checked.transient.length - afterReplay.transient.length],
    ['kill -9', faults.filter((f) => f.fault === 'kill -9').length], ['service exits seen by the supervisor', restarts],
    ['redis restarts', faults.filter((f) => f.fault === 'redis restart').length], ['mongodb outages', faults.filter((f) => f.fault === 'mongodb down').length],
    ['minutes', Math.round((Date.now() - t0) / 600) / 100], ['violations', violations.length],
  ] as const;
  process.stdout.write(`\n## soak\n${rows.map(([k, v]) => `${String(k).padEnd(40)} ${v}`).join('\n')}\n`);
  for (const x of violations.slice(0, 20)) process.stdout.write(`  VIOLATION ${x.reportId.slice(0, 12)}: ${x.problem}\n`);
  const out = join(repo, 'results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(repo, 'results'), { recursive: true });
  writeFileSync(out, JSON.stringify({ n, seed, rows: Object.fromEntries(rows), faults, violations, checked, afterReplay }, null, 2));
  process.stdout.write(`written ${out}\n${exitCode === 0 ? 'PASS' : 'FAIL'}\n`);
} catch (err) {
  exitCode = 2;
  process.stderr.write(`soak failed: ${(err as Error).stack}\n`);
} finally {
  await h.stop(args.has('keep'));
  await Promise.all(restarted.map((s) => s.stop()));
}
process.exit(exitCode);
