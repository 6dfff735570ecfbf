import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running instance publishes in its data folder, so other commands can find its servers. */
export interface RuntimeInfo {
  pid: number;
  startedAt: string;
  redisUrl: string;
  mongoUrl: string;
  /** Which of the two this instance started itself. */
  embedded: { redis: boolean; mongo: boolean };
  opsUrl?: string;
}

/** GONGKAI_DATA is taken by another live process (one instance per data folder). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(`GONGKAI_DATA=${dataDir} is in use by process ${holder}; stop it or choose another GONGKAI_DATA`);
    this.name = new.target.name;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'gongkai.lock');
const runtimePath = (dataDir: string) => join(dataDir, 'runtime.json');

/**
 * Takes the data folder for this process (one instance per GONGKAI_DATA).
 * A lock left by a dead process is taken over. Throws when a live process holds it.
 */
export function acquireDataLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) rmSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirInUseError(dataDir, holder);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  const tmp = `${runtimePath(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2));
  renameSync(tmp, runtimePath(dataDir));
}

/**
 * Adds what became known after start-up (the URL ops bound when its port
 * was 0) to this process's runtime.json; another process's file is left alone.
 */
export function updateRuntimeInfo(dataDir: string, patch: Partial<Pick<RuntimeInfo, 'opsUrl'>>): void {
  let current: RuntimeInfo;
  try {
    current = JSON.parse(readFileSync(runtimePath(dataDir), 'utf8')) as RuntimeInfo;
  } catch {
    return;
  }
  if (current.pid !== process.pid) return;
  writeRuntimeInfo(dataDir, { ...current, ...patch });
}

/** The running instance's servers, if one is alive for this data folder. */
export function readRuntimeInfo(dataDir: string): RuntimeInfo | null {
  try {
    const info = JSON.parse(readFileSync(runtimePath(dataDir), 'utf8')) as RuntimeInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export function removeRuntimeInfo(dataDir: string): void {
  rmSync(runtimePath(dataDir), { force: true });
}
