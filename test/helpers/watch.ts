import { FolderSource, sourceDepsOf } from '@gongkai/watcher';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestEnv } from './test-env.ts';

/** Drops a file into the suite's inbox the careful way (written aside, renamed in); returns its report id. */
export function drop(t: TestEnv, name: string, bytes: Uint8Array): string {
  const dest = join(t.config.inbox, name);
  mkdirSync(join(dest, '..'), { recursive: true });
  const tmp = join(t.dir, `.${name.replace(/\//g, '_')}.part`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, dest);
  return createHash('sha256').update(bytes).digest('hex');
}

/** The watcher's folder source, in process, on a suite's inbox and store. */
export function folderSource(t: TestEnv): FolderSource {
  return new FolderSource(sourceDepsOf(t), { root: t.config.inbox, pollMs: t.config.pollMs, stableMs: t.config.stableMs });
}
