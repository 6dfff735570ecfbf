/**
 * The table part of `npm run eval` (issue 13): for every gold file that
 * states table cells (t2./t3./t4./t5.), runs the real stages on the file
 * itself and on four renderings of the gold cells made now (HTML, DOCX,
 * Markdown, PDF), and scores the cells of each.
 */
import { readFileSync } from 'node:fs';
import { runInProcess } from '@gongkai/stages';
import type { GoldCase } from './gold.load.ts';
import { hasTableCells } from './render/gold.cells.ts';
import { RENDERINGS, renderGold, type RenderingName } from './render/renderings.ts';
import { addCellScores, emptyCellScore, scoreCells, type CellScore } from './tables.score.ts';

export const TABLE_SOURCES = ['file', ...RENDERINGS] as const;
export type TableSource = 'file' | RenderingName;

export interface SourceResult {
  score: CellScore;
  error: string | null;
  ms: number;
}

export interface TableCaseResult {
  name: string;
  /** The file itself is flattened text (page.txt) rather than a structured format. */
  fileIsText: boolean;
  sources: Record<TableSource, SourceResult>;
}

const errorLine = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message.split('\n')[0] ?? ''}` : String(err));

async function runSource(c: GoldCase, source: TableSource): Promise<SourceResult> {
  const t0 = performance.now();
  const base = (c.inputPath.split('/').pop() ?? c.name).replace(/\.[a-z]+$/u, '');
  try {
    const raw = source === 'file'
      ? { bytes: new Uint8Array(readFileSync(c.inputPath)), name: c.inputPath.split('/').pop() ?? c.name }
      : renderGold(c.gold, source, base);
    const { outputs } = await runInProcess(raw);
    return { score: scoreCells(c.gold, outputs.extract.metrics, outputs.segment.tables, source !== 'file'), error: null, ms: performance.now() - t0 };
  } catch (err) {
    const score = scoreCells(c.gold, [], [], false);
    return { score: { ...score, missing: [...score.missing, ...score.ambiguousNull], ambiguousNull: [] }, error: errorLine(err), ms: performance.now() - t0 };
  }
}

export async function runTables(cases: readonly GoldCase[]): Promise<TableCaseResult[]> {
  const out: TableCaseResult[] = [];
  for (const c of cases.filter((x) => hasTableCells(x.gold))) {
    const sources = {} as Record<TableSource, SourceResult>;
    for (const s of TABLE_SOURCES) sources[s] = await runSource(c, s);
    out.push({ name: c.name, fileIsText: /\.(txt|md)$/u.test(c.inputPath), sources });
  }
  return out;
}

/** Per source, all files together. */
export function tableTotals(results: readonly TableCaseResult[]): Record<TableSource, CellScore> {
  const totals = Object.fromEntries(TABLE_SOURCES.map((s) => [s, emptyCellScore()])) as Record<TableSource, CellScore>;
  for (const r of results) for (const s of TABLE_SOURCES) totals[s] = addCellScores(totals[s], r.sources[s].score);
  return totals;
}
