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

/** Every file of the real corpus except SOURCES.md: reports, openings and HELDOUT.txt alike (see realReportFiles). */
export function realCorpusFiles(): SharedFile[] {
  return listFiles('corpus/real').filter((f) => f.name !== 'SOURCES.md');
}

/**
 * Files of corpus/real that are not reports: the folders' SOURCES.md and the
 * HELDOUT.txt list. The pipeline must call them NOT_A_REPORT (a list of
 * reports is not one), so they are listed apart from the reports.
 */
export function isNonReportFile(f: SharedFile): boolean {
  return f.name === 'HELDOUT.txt' || /\.md$/i.test(f.name);
}

/** corpus/real/openings: excerpts (the first 400–900 characters) of reports, not whole reports. */
const isOpening = (f: SharedFile): boolean => f.rel.startsWith(join('corpus', 'real', 'openings') + '/');

/** Every whole report of the real corpus (PDF, DOCX, crawler page.txt): no openings, no list or notes. */
export function realReportFiles(): SharedFile[] {
  return listFiles('corpus/real').filter((f) => !isNonReportFile(f) && !isOpening(f));
}

/** The report openings of corpus/real/openings (their SOURCES.md left out). */
export function openingFiles(): SharedFile[] {
  return listFiles('corpus/real/openings').filter((f) => !isNonReportFile(f));
}

/** HELDOUT.txt and every SOURCES.md of the real corpus. */
export function realNonReportFiles(): SharedFile[] {
  return listFiles('corpus/real').filter(isNonReportFile);
}

/** One row of corpus/real/pingtan-departments/SOURCES.md. */
export interface DepartmentSource {
  file: SharedFile;
  year: number;
  /** The form the report's year falls under, as SOURCES.md states it. */
  era: '2008-2018' | '2019-2020' | '2021+';
}

/**
 * The department corpus's rows (`| section | file | year | agency | era | …`),
 * for files present: what SOURCES.md says of each report, read by tests that
 * compare it with what the report itself prints.
 */
export function departmentSources(): DepartmentSource[] {
  const dir = join('corpus', 'real', 'pingtan-departments');
  const sources = join(SHARED_DIR, dir, 'SOURCES.md');
  if (!existsSync(sources)) return [];
  const out: DepartmentSource[] = [];
  for (const line of readFileSync(sources, 'utf8').split('\n')) {
    const [section, name, year, , era] = line.split('|').slice(1).map((c) => c.trim());
    if (!section || !name?.endsWith('.page.txt') || (era !== '2008-2018' && era !== '2019-2020' && era !== '2021+')) continue;
    const rel = join(dir, section, name);
    if (existsSync(join(SHARED_DIR, rel))) out.push({ file: { rel, path: join(SHARED_DIR, rel), name }, year: Number(year), era });
  }
  return out;
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
