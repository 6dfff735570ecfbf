/**
 * The segmenter on real reports, read in place from ../shared through the
 * decode stage: seeds against the shared gold, every real report's regime,
 * and 表三/表四 cells against the project gold (test/gold, hand-read).
 */
import type { DecodeResult, ReportTable, SegmentResult, SectionKind } from '@gongkai/core';
import { decode } from '@gongkai/decode';
import { SHARED_SKIP_REASON, readShared, realCorpusFiles, repoRoot, seedFiles, sharedAvailable, sharedGoldFor, type GoldFile } from '@gongkai/testkit';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from './segment.stage.ts';

const cache = new Map<string, { decoded: DecodeResult; result: SegmentResult }>();
async function run(rel: string) {
  const hit = cache.get(rel);
  if (hit) return hit;
  const decoded = await decode({ bytes: readShared(rel), name: rel.split('/').pop() as string }, {});
  const out = { decoded, result: segment({ decode: decoded }) };
  cache.set(rel, out);
  return out;
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '');

/** Kinds a reader gives each top-level section of the seeds (seed 002 and 004 are titled by theme). */
const SEED_KINDS: Record<string, SectionKind[]> = {
  '000': ['overview', 'proactive', 'problems'],
  '001': ['overview', 'proactive', 'requests', 'fees', 'review_litigation', 'problems'],
  '002': ['overview', 'proactive', 'proactive', 'proactive', 'requests', 'platform', 'problems', 'improvements'],
  '003': ['overview', 'proactive', 'requests', 'review_litigation', 'problems'],
  '004': ['organization', 'training', 'proactive', 'organization', 'problems'],
};

describe.skipIf(!sharedAvailable)(`seeds against the shared gold ${SHARED_SKIP_REASON}`, () => {
  for (const f of sharedAvailable ? seedFiles() : []) {
    const gold = sharedGoldFor(f.rel);
    if (!gold) continue;
    const id = f.name.slice(0, 3);
    it(`${f.name}: top-level sections (number, title) and kinds`, async () => {
      const { result } = await run(f.rel);
      expect(result.sections.map((s) => [s.number, norm(s.title)])).toEqual(gold.sections.map((s) => [s.number, norm(s.title)]));
      expect(result.sections.map((s) => s.kind)).toEqual(SEED_KINDS[id]);
    });
    it(`${f.name}: meta equals the gold`, async () => {
      const { result } = await run(f.rel);
      expectMeta(result, gold);
    });
  }
});

function expectMeta(result: SegmentResult, gold: GoldFile): void {
  const { meta } = result;
  const g = gold.meta;
  if ('year' in g) expect(meta.year).toBe(g.year);
  if ('title' in g) expect(norm(meta.title) || null).toBe(g.title ? norm(g.title) : null);
  if ('publishedAt' in g) expect(meta.publishedAt).toBe(g.publishedAt);
  if ('period' in g) expect(meta.period).toEqual(g.period);
  if ('addressee' in g) expect(meta.addressee).toBe(g.addressee);
  if (g.agency) expect(g.agency).toContain(meta.agency);
  for (const [k, v] of Object.entries(g.contact ?? {})) expect(meta.contact[k as keyof typeof meta.contact]).toBe(v);
  expect(meta.regime).toBe(gold.regime);
}

/** The regime of every real report, by what each one contains (read by hand). */
const REGIMES: Record<string, 'A' | 'B' | 'C'> = {
  'szfgs2024.pdf': 'C', '政务公开年报模版.docx': 'C', 'hzq2023_working.pdf': 'C', 'hzq2024_working.pdf': 'C',
  '80678': 'A', '80716': 'A', '80725': 'A', '80734': 'A', '80754': 'A', '80759': 'A', '80774': 'A', '80791': 'A',
  '80445': 'A', '80485': 'A', '80506': 'A', '80529': 'A', '80576': 'B', '80595': 'B',
  '80613': 'C', '80629': 'C', '87885': 'C', '97791': 'C', '105587': 'C',
};
const keyOf = (name: string) => (/^\d+_/.test(name) ? (name.split('_')[0] as string) : name);
const uniform = (name: string) => ['B', 'C'].includes(REGIMES[keyOf(name)] ?? '') && !name.endsWith('.docx');

describe(`real corpus ${SHARED_SKIP_REASON}`, () => {
  const files = sharedAvailable ? realCorpusFiles() : [];
  it('lists a regime for every real report', () => {
    for (const f of files) expect(REGIMES, f.name).toHaveProperty(keyOf(f.name));
  });
  for (const f of files) {
    it(`${f.name}: regime ${REGIMES[keyOf(f.name)]}`, async () => {
      const { result } = await run(f.rel);
      expect(result.meta.regime).toBe(REGIMES[keyOf(f.name)]);
    });
    if (!uniform(f.name)) continue;
    it(`${f.name}: every printed 表三 row and 表四 cell is placed, consistent with its row`, async () => {
      const { result, decoded } = await run(f.rel);
      const t3 = result.tables.find((t) => t.kind === 't3') as ReportTable;
      const t4 = result.tables.find((t) => t.kind === 't4') as ReportTable;
      const rows = t3.variant === '2021' ? 25 : 23;
      const printed = t3.cells.filter((c) => !c.derived);
      expect(printed.filter((c) => c.col === 'total' && c.value !== null && !c.ambiguous)).toHaveLength(rows);
      expect(t4.cells.filter((c) => c.value !== null && !c.ambiguous)).toHaveLength(15);
      for (const c of [...printed, ...t4.cells]) {
        // each value stands at its offsets in the text
        expect(decoded.text.slice(c.start, c.end).replace(/,/g, '')).toContain(String(c.value));
      }
      for (const row of new Set(printed.map((c) => c.row))) {
        const v = printed.filter((c) => c.row === row).map((c) => c.value as number);
        expect(v.slice(0, 6).reduce((a, b) => a + b, 0), `${row} row sum`).toBe(v[6]);
      }
    });
  }
});

const goldDir = join(repoRoot, 'test', 'gold');
const projectGold = (existsSync(goldDir) ? readdirSync(goldDir) : [])
  .filter((n) => n.endsWith('.json'))
  .map((n) => JSON.parse(readFileSync(join(goldDir, n), 'utf8')) as GoldFile)
  .filter((g) => g.cells);

describe.skipIf(!sharedAvailable)(`project gold: table cells, sections and meta ${SHARED_SKIP_REASON}`, () => {
  for (const gold of sharedAvailable ? projectGold : []) {
    it(`${gold.file.split('/').pop()}: 表三 总计 column and 表四`, async () => {
      const { result } = await run(gold.file);
      // a key the gold sets to null is a cell the report does not print (a sub-total, a row of the other variant)
      const got: Record<string, number | null> = Object.fromEntries(Object.keys(gold.cells ?? {}).map((k) => [k, null]));
      for (const t of result.tables.filter((x) => x.kind === 't3' || x.kind === 't4')) {
        for (const c of t.cells) {
          const key = `${t.kind}.${c.row}.${c.col}`;
          if (key in got && !c.derived) got[key] = c.ambiguous ? NaN : c.value;
        }
      }
      expect(got).toEqual(gold.cells);
    });
    it(`${gold.file.split('/').pop()}: sections and meta`, async () => {
      const { result } = await run(gold.file);
      expect(result.sections.map((s) => [s.number, norm(s.title)])).toEqual(gold.sections.map((s) => [s.number, norm(s.title)]));
      expectMeta(result, gold);
    });
  }
});
