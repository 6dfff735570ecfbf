export { FolderSource, type FolderSourceDeps, type FolderSourceOptions } from './folder.source.ts';
export { S3Source, s3SourceKey, type S3SourceOptions, type S3SourceDeps } from './s3.source.ts';
export { runWatcher, sourceDepsOf } from './watcher.service.ts';
export { isIgnoredName } from './ignore.rules.ts';
