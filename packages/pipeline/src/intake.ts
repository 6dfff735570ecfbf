import { PIPELINE_VERSION, type ReportStatus } from '@gongkai/core';
import type { Logger } from '@gongkai/runtime';
import type { BlobStore, ReportStore } from '@gongkai/store';
import { ATTR, annotate, inRootSpan } from '@gongkai/telemetry';
import { Readable } from 'node:stream';
import { newRunId } from './names.ts';
import type { Pipeline } from './pipeline.ts';
import { start } from './run.transitions.ts';

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
 * Takes a file in: stores the raw bytes (content-addressed), then starts the
 * run (run.transitions.ts: the report document, status queued, and the first
 * stage's job, whose data is a reference). Known content creates nothing new.
 */
export async function ingest(deps: IntakeDeps, file: { body: Readable | Uint8Array; name: string; uri: string }): Promise<IntakeResult> {
  // a report run's trace starts here (with tracing on): the first stage's job carries its context on
  return inRootSpan('report.intake', { 'gongkai.uri': file.uri }, () => ingestFile(deps, file));
}

async function ingestFile(deps: IntakeDeps, file: { body: Readable | Uint8Array; name: string; uri: string }): Promise<IntakeResult> {
  const stream = file.body instanceof Uint8Array ? Readable.from([Buffer.from(file.body)]) : file.body;
  const { id, size } = await deps.blobs.putStream(stream);
  const runId = newRunId();
  const source = { uri: file.uri, name: file.name, size, receivedAt: new Date().toISOString() };
  annotate({ [ATTR.reportId]: id, [ATTR.runId]: runId, [ATTR.stage]: 'intake' });
  const { created, status, jobId } = await start(deps, { cause: 'intake', reportId: id, runId, source });
  if (created) deps.log.info({ reportId: id, stage: 'intake', uri: file.uri, size, runId, version: PIPELINE_VERSION }, 'report queued');
  else if (status === 'queued') deps.log.info({ reportId: id, stage: 'intake', uri: file.uri, jobId }, 'known report still queued; first job ensured');
  else deps.log.info({ reportId: id, stage: 'intake', uri: file.uri, status }, 'duplicate content; not processed again');
  return { reportId: id, created, status, size };
}
