import { PIPELINE_VERSION, type ReportStatus } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { BlobStore, ReportStore } from '@gongkai/store';
import { Readable } from 'node:stream';
import { newRunId } from './names.ts';
import type { Pipeline } from './pipeline.ts';

export interface IntakeDeps {
  store: ReportStore;
  blobs: BlobStore;
  pipeline: Pipeline;
  log: Logger;
}

export interface IntakeResult {
  reportId: string;
  /** False when the same content was already known (a re-drop, a rename, a restart). */
  created: boolean;
  status: ReportStatus;
  size: number;
}

/**
 * Takes a file in: stores the raw bytes (content-addressed), creates the
 * report document (status queued) and adds the decode job, whose data is a
 * reference. Known content creates nothing new; a report still queued (a
 * crash between the document and the job) gets its job again, which the
 * deterministic job id makes harmless.
 */
export async function ingest(deps: IntakeDeps, file: { body: Readable | Uint8Array; name: string; uri: string }): Promise<IntakeResult> {
  const stream = file.body instanceof Uint8Array ? Readable.from([Buffer.from(file.body)]) : file.body;
  const { id, size } = await deps.blobs.putStream(stream);
  const runId = newRunId();
  const source = { uri: file.uri, name: file.name, size, receivedAt: new Date().toISOString() };
  const { created, status } = await deps.store.intake(id, source, runId);
  if (created) {
    const jobId = await deps.pipeline.enqueue('decode', { reportId: id, runId });
    await deps.pipeline.progress.record(
      { reportId: id, runId, stage: 'intake', next: { stage: 'decode', jobId }, heal: 0, risk: false, at: Date.now() },
      Date.now() + deps.pipeline.settleMs,
    );
    deps.log.info({ reportId: id, stage: 'intake', uri: file.uri, size, runId, version: PIPELINE_VERSION }, 'report queued');
  } else if (status === 'queued') {
    const report = await deps.store.get(id);
    if (report) await deps.pipeline.enqueue('decode', { reportId: id, runId: report.pipeline.runId });
    deps.log.info({ reportId: id, stage: 'intake', uri: file.uri }, 'known report still queued; decode job ensured');
  } else {
    deps.log.info({ reportId: id, stage: 'intake', uri: file.uri, status }, 'duplicate content; not processed again');
  }
  return { reportId: id, created, status: created ? 'queued' : status, size };
}
