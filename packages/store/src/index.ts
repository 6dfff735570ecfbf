export { ReportStore, type ReportQuery, type SourceRecord } from './report.store.ts';
export { FsBlobStore, GridFsBlobStore, type BlobStore } from './blob.store.ts';
export type { DeadLetter, NewDeadLetter } from './dead-letter.types.ts';
export { encodeStorable, decodeStorable, UnstorableValueError } from './storable.codec.ts';
