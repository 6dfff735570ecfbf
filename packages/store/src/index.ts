export { ReportStore } from './report.store.ts';
export type { ReportQuery } from './report.reads.ts';
export type { SourceRecord } from './source.store.ts';
export type { RunGuard, RunRecord } from './run.guard.ts';
export type { ClaimRecord } from './dead-letter.store.ts';
export { FsBlobStore, GridFsBlobStore, type BlobStore } from './blob.store.ts';
export type { DeadLetter, NewDeadLetter } from './dead-letter.types.ts';
export { encodeStorable, decodeStorable, UnstorableValueError } from './storable.codec.ts';
