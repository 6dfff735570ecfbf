/**
 * The extract stage: structure in, metrics with evidence out. Pure and
 * deterministic; every metric carries the quote it came from.
 */
import { NOT_A_REPORT_PREFIX, type Breakdown, type DecodeResult, type ExtractResult, type SegmentResult } from '@gongkai/core';
import { findListBreakdowns } from './breakdown.lists.ts';
import { findSumBreakdowns } from './breakdown.sums.ts';
import { deriveFromText, outcomeParts, resolveOrTotal } from './derive.extract.ts';
import { buildDoc, type Found } from './doc.model.ts';
import { placeOnPages } from './evidence.pages.ts';
import { selectMetrics } from './metrics.select.ts';
import { extractNarrative } from './narrative.extract.ts';
import { locateStatsTables } from './stats.rows.ts';
import { resolveStats } from './stats.resolve.ts';
import { corroboratedCells } from './tables.corroborate.ts';
import { deriveCore, fromStatsTables, fromUniformTables } from './tables.extract.ts';
import { extractZeros } from './zero.extract.ts';

export function extract(input: { decode: DecodeResult; segment: SegmentResult }): ExtractResult {
  // decode's verdict that the text is not a disclosure annual report: such a text has no metrics
  if (input.decode.decode.warnings.some((w) => w.startsWith(NOT_A_REPORT_PREFIX))) return { metrics: [], mentions: [], breakdowns: [] };
  const text = input.decode.text;
  const tables = input.segment.tables ?? [];
  const located = locateStatsTables(text);
  const skip = [...tables.map((t) => ({ start: t.start, end: t.end })), ...located.map((t) => ({ start: t.start, end: t.end }))];
  const doc = buildDoc(text, input.segment.sections ?? [], skip);

  const prose = [...extractNarrative(doc), ...extractZeros(doc)];
  const statedValues = (key: string) => new Map(prose.filter((f) => f.key === key && f.source === 'text').reverse().map((f) => [f.value, f.evidence] as const));
  const stats = resolveStats(doc, located, statedValues);
  // segment's 统计表 cells fill only rows our own reading of the same table did not find (not those it left unread on purpose)
  const segmentStats = fromStatsTables(doc, tables).filter((f) => !stats.found.some((s) => s.key === f.key) && !stats.unread.has(f.key));
  const cells = [...fromUniformTables(doc, tables), ...corroboratedCells(doc, tables)];
  const found: Found[] = [...cells, ...deriveCore(doc, cells), ...stats.found, ...segmentStats, ...prose];
  resolveOrTotal(found, text);

  // the first prose statement at each offset (its key read when asked: resolveOrTotal may have renamed it)
  const statedAt = new Map<number, Found>();
  for (const f of prose) if (f.source === 'text' && f.at !== undefined && !statedAt.has(f.at)) statedAt.set(f.at, f);
  const keyAt = (at: number) => statedAt.get(at)?.key;
  const lists = findListBreakdowns(doc, keyAt);
  const breakdowns: Breakdown[] = [...lists.breakdowns, ...findSumBreakdowns(doc, keyAt, lists.used), ...stats.breakdowns];
  found.push(...outcomeParts(breakdowns));
  found.push(...deriveFromText(doc, found));
  breakdowns.sort((a, b) => a.start - b.start);
  // OCR'd text: each figure's page and box on the page image (decode's regions)
  return placeOnPages({ ...selectMetrics(found, input.segment.meta?.regime ?? 'A'), breakdowns }, input.decode.regions, text);
}
