/**
 * What must hold after the soak, checked against MongoDB and Redis by _id
 * (each lookup is indexed): every distinct input is exactly one report
 * document, done or failed, and its list row says so; no document for
 * anything else; every failed one has a dead letter with a reason and its
 * job in the stage's DLQ.
 */
import { isDone, type Report } from '@gongkai/core';
import type { Harness } from '../bench/pipeline/pipeline.harness.ts';

export interface Violation {
  reportId: string;
  problem: string;
}

export interface CheckResult {
  inputs: number;
  /** Report documents in all (null when not counted: a pass only looking for what is still in progress). */
  documents: number | null;
  done: number;
  /** The inputs found done (a later pass of the same settle need not read them again). */
  doneIds: string[];
  failed: number;
  /** Failed reports whose dead letter says the error was transient (replay should bring them to done). */
  transient: string[];
  permanent: string[];
  pending: string[];
  violations: Violation[];
}

/**
 * `count`: count every report document (on FerretDB a decode of each, ~200 KB) to find documents of nothing
 * dropped; `knownDone`: inputs a pass of the same settle found done moments before, counted done without a read
 * (a done report's run is over; only the replay that follows a settle starts new ones, of failed reports).
 */
export async function checkInvariants(h: Harness, inputs: ReadonlySet<string>, opts: { count?: boolean; knownDone?: ReadonlySet<string> } = {}): Promise<CheckResult> {
  const r: CheckResult = { inputs: inputs.size, documents: null, done: 0, doneIds: [], failed: 0, transient: [], permanent: [], pending: [], violations: [] };
  const v = (reportId: string, problem: string) => r.violations.push({ reportId, problem });
  if (opts.count !== false) {
    r.documents = await h.store.reports.countDocuments({});
    if (r.documents !== inputs.size) v('*', `${r.documents} report documents for ${inputs.size} distinct inputs`);
  }
  for (const id of inputs) {
    if (opts.knownDone?.has(id)) {
      r.done++;
      r.doneIds.push(id);
      continue;
    }
    const doc = (await h.store.reports.findOne({ _id: id }, { projection: { status: 1, failure: 1, pipeline: 1 } })) as Pick<Report, 'status' | 'failure' | 'pipeline'> | null;
    if (!doc) {
      v(id, 'missing: no report document');
      continue;
    }
    // its list row (what the reports list, /metrics and status count) says what the report says: done, failed or in
    // progress (a context refresh may move a done report between valid, warnings and invalid while this reads)
    // (a stage writes the report, then its row: a mismatch is read again after a moment before it counts)
    const rowSays = async () => (await h.store.listRows.rows.findOne({ _id: id }, { projection: { status: 1 } }))?.status;
    const state = (s: string | undefined) => (s && isDone(s as Report['status']) ? 'done' : s === 'failed' ? 'failed' : 'in progress');
    let row = await rowSays();
    if (state(row) !== state(doc.status)) {
      await new Promise((res) => setTimeout(res, 2000));
      row = await rowSays();
      const now = (await h.store.reports.findOne({ _id: id }, { projection: { status: 1 } }))?.status ?? doc.status;
      if (state(row) !== state(now)) v(id, `its list row says ${row ?? 'nothing'}, the report ${now}`);
    }
    if (isDone(doc.status)) {
      r.done++;
      r.doneIds.push(id);
      continue;
    }
    if (doc.status !== 'failed') {
      r.pending.push(id);
      continue;
    }
    r.failed++;
    const stage = doc.failure?.stage;
    if (!stage || !doc.failure?.reason) v(id, 'failed without a stage and a reason');
    const dl = stage ? await h.store.getDeadLetter(`${id}-${stage}`) : null;
    if (!dl) {
      v(id, `failed at ${stage} but no dead letter`);
      continue;
    }
    if (dl.state !== 'dead') v(id, `dead letter is ${dl.state}, not dead`);
    if (!dl.error.message) v(id, 'dead letter without a message');
    const job = await h.pipeline.dlqs[dl.stage].getJob(`${dl._id}-${dl.count}`);
    if (!job) v(id, `no job ${dl._id}-${dl.count} in ${dl.stage}-dlq`);
    (dl.error.retryable ? r.transient : r.permanent).push(id);
  }
  return r;
}
