/**
 * Every input that has a gold file: the shared seeds' gold (shared/gold/**)
 * and the project's own gold (test/gold/**.json, `file` = a path under shared/,
 * or a repo-relative path starting `test/corpus/real/` for the verbatim copies kept here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR, repoRoot, type GoldFile } from '@gongkai/testkit';

export interface GoldCase {
  /** Short name for the tables. */
  name: string;
  /** Where the gold came from: shared (seeds) or project (test/gold). */
  origin: 'shared' | 'project';
  goldPath: string;
  inputPath: string;
  gold: GoldFile;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFiles(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

function shortName(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.replace(/\.page\.txt$|\.[a-z]+$/u, '').replace(/^(\d+)_.*?(\d{4})年.*$/u, '$1 ($2)');
}

export function loadGold(): GoldCase[] {
  const cases: GoldCase[] = [];
  const add = (goldPath: string, origin: GoldCase['origin']) => {
    const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
    const inputPath = gold.file.startsWith('test/corpus/real/') ? join(repoRoot, gold.file) : join(SHARED_DIR, gold.file);
    cases.push({ name: shortName(gold.file), origin, goldPath, inputPath, gold });
  };
  for (const p of jsonFiles(join(SHARED_DIR, 'gold'))) add(p, 'shared');
  for (const p of jsonFiles(join(repoRoot, 'test', 'gold'))) add(p, 'project');
  return cases;
}
