import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoldFile } from './gold.types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The team's shared data folder, read in place and never copied: `../shared`
 * beside the clone (override with GONGKAI_SHARED_DIR for other layouts).
 */
export const SHARED_DIR = resolve(process.env['GONGKAI_SHARED_DIR'] ?? join(repoRoot, '..', 'shared'));

export const sharedAvailable = existsSync(join(SHARED_DIR, 'seeds'));

/** Why a shared-data test is skipped, for the test title. */
export const SHARED_SKIP_REASON = sharedAvailable ? '' : `(skipped: ${SHARED_DIR} is absent)`;

export interface SharedFile {
  /** Path relative to SHARED_DIR, e.g. "seeds/000_7c144e0af371db7e.txt". */
  rel: string;
  path: string;
  name: string;
}

function listFiles(dir: string): SharedFile[] {
  const abs = join(SHARED_DIR, dir);
  if (!existsSync(abs)) return [];
  const out: SharedFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ rel: relative(SHARED_DIR, p), path: p, name: entry });
    }
  };
  walk(abs);
  return out;
}

/** The five seed reports. */
export function seedFiles(): SharedFile[] {
  return listFiles('seeds');
}

/** Every file of the real corpus except SOURCES.md. */
export function realCorpusFiles(): SharedFile[] {
  return listFiles('corpus/real').filter((f) => f.name !== 'SOURCES.md');
}

/** The shared gold file for a shared input (by `rel`), if there is one. */
export function sharedGoldFor(rel: string): GoldFile | null {
  const stem = rel.replace(/^seeds\//, 'seeds/').replace(/\.[^./]+$/, '');
  const p = join(SHARED_DIR, 'gold', `${stem}.json`);
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8')) as GoldFile;
}

export function readShared(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SHARED_DIR, rel)));
}

export { repoRoot };
