/**
 * Metadata accuracy split by field (agency / title / year / level), over two
 * sets: every full gold file (their `meta` fields, scored by score.ts) and
 * the meta-only gold tables test/gold/meta/*.jsonl (one report per line:
 * file under shared/, accepted agency names canonical first, the title as
 * stated or null, year, level). The meta-only files run decode → segment
 * only: that is all the fields need, and it keeps the table cheap.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportMeta } from '@gongkai/core';
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { SHARED_DIR, repoRoot } from '@gongkai/testkit';
import type { GoldCase } from './gold.load.ts';
import type { CaseResult } from './report.print.ts';
import { normQuote } from './score.ts';

export const META_FIELDS = ['agency', 'title', 'year', 'level'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** One line of a meta-only gold table. A title list accepts any of its entries (null = states none). */
export interface MetaGold {
  file: string;
  agency: string[];
  title: string | null | Array<string | null>;
  year: number | null;
  level: string | null;
}

export interface FieldTally {
  right: number;
  total: number;
}
export type MetaSplit = Record<MetaField, FieldTally>;

export interface MetaMiss {
  file: string;
  field: MetaField;
  got: string;
  want: string;
}

export interface MetaTable {
  set: string;
  files: number;
  split: MetaSplit;
  misses: MetaMiss[];
}

const emptySplit = (): MetaSplit => ({ agency: { right: 0, total: 0 }, title: { right: 0, total: 0 }, year: { right: 0, total: 0 }, level: { right: 0, total: 0 } });

/** Spacing and punctuation are the page's, not the report's: compared as score.ts compares quotes. */
const norm = (s: string | null | undefined) => normQuote(s ?? '');

/** The split over the full gold files, from the fields each gold states and the misses score.ts recorded. */
export function splitOfGoldFiles(cases: readonly GoldCase[], results: readonly CaseResult[]): MetaSplit {
  const split = emptySplit();
  cases.forEach((c, i) => {
    const wrong = new Set(results[i]?.score.meta.wrong ?? []);
    for (const f of META_FIELDS) {
      if ((c.gold.meta as Record<string, unknown>)[f] === undefined) continue;
      split[f].total++;
      if (!wrong.has(f)) split[f].right++;
    }
  });
  return split;
}

export function loadMetaGold(): Array<{ set: string; rows: MetaGold[] }> {
  const dir = join(repoRoot, 'test', 'gold', 'meta');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => ({
    set: f.replace(/\.jsonl$/, ''),
    rows: readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as MetaGold),
  }));
}

/** Compares one report's meta with its gold line; pushes a miss per wrong field. */
export function scoreMetaRow(g: MetaGold, meta: ReportMeta | null, split: MetaSplit, misses: MetaMiss[]): void {
  const check = (field: MetaField, ok: boolean, got: unknown, want: unknown) => {
    split[field].total++;
    if (ok) split[field].right++;
    else misses.push({ file: g.file, field, got: JSON.stringify(got ?? null), want: JSON.stringify(want) });
  };
  const names = new Set([meta?.agency, ...(meta?.agencyAliases ?? [])].filter((n): n is string => !!n).map(norm));
  check('agency', g.agency.some((a) => names.has(norm(a))), meta?.agency, g.agency[0]);
  const titles = Array.isArray(g.title) ? g.title : [g.title];
  const got = meta?.title ?? null;
  check('title', titles.some((t) => (t === null ? got === null : got !== null && norm(got) === norm(t))), got, titles[0]);
  check('year', meta?.year === g.year, meta?.year, g.year);
  check('level', meta?.level === g.level, meta?.level, g.level);
}

/** Runs decode → segment on every meta-only gold line; a file that is absent or fails counts as wrong on every field. */
export async function runMetaGold(filters: readonly string[] = []): Promise<MetaTable[]> {
  const tables: MetaTable[] = [];
  for (const { set, rows } of loadMetaGold()) {
    const split = emptySplit();
    const misses: MetaMiss[] = [];
    const chosen = rows.filter((r) => filters.length === 0 || filters.some((f) => r.file.includes(f) || set.includes(f)));
    for (const g of chosen) {
      let meta: ReportMeta | null = null;
      try {
        const path = join(SHARED_DIR, g.file);
        const decoded = await decode({ bytes: new Uint8Array(readFileSync(path)), name: path.split('/').pop() ?? g.file });
        meta = segment({ decode: decoded }).meta;
      } catch {
        meta = null;
      }
      scoreMetaRow(g, meta, split, misses);
    }
    if (chosen.length) tables.push({ set, files: chosen.length, split, misses });
  }
  return tables;
}

const pct = (t: FieldTally) => (t.total === 0 ? '-' : `${t.right}/${t.total} ${((100 * t.right) / t.total).toFixed(1)}%`);

export function printMeta(old: MetaSplit, tables: readonly MetaTable[], detail: boolean): string {
  const out = ['', 'META ACCURACY (agency / title / year / level)'];
  const row = (name: string, files: number | string, s: MetaSplit) => `  ${name.padEnd(22)} ${String(files).padEnd(6)} ${META_FIELDS.map((f) => pct(s[f]).padEnd(16)).join(' ')}`;
  out.push(`  ${'set'.padEnd(22)} ${'files'.padEnd(6)} ${META_FIELDS.map((f) => f.padEnd(16)).join(' ')}`);
  out.push(row('gold files', '', old));
  for (const t of tables) out.push(row(`meta:${t.set}`, t.files, t.split));
  if (detail) for (const t of tables) for (const m of t.misses) out.push(`  ${t.set} ${m.file.split('/').pop()} ${m.field}: got ${m.got}, want ${m.want}`);
  return out.join('\n');
}

/** The meta floors of thresholds.ts that a run falls below. */
export function metaBelow(old: MetaSplit, tables: readonly MetaTable[], floors: { goldFiles: Partial<Record<MetaField, number>>; metaOnly: Partial<Record<MetaField, number>> }): string[] {
  const fails: string[] = [];
  const check = (name: string, s: MetaSplit, floor: Partial<Record<MetaField, number>>) => {
    for (const f of META_FIELDS) {
      const want = floor[f];
      const t = s[f];
      if (want === undefined || t.total === 0) continue;
      if (t.right / t.total < want) fails.push(`${name} meta ${f} ${(t.right / t.total).toFixed(4)} < ${want}`);
    }
  };
  check('gold files', old, floors.goldFiles);
  const all = emptySplit();
  for (const t of tables) for (const f of META_FIELDS) {
    all[f].right += t.split[f].right;
    all[f].total += t.split[f].total;
  }
  check('meta-only', all, floors.metaOnly);
  return fails;
}
