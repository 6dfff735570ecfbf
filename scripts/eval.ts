/**
 * npm run eval [-- --json] [-- --quiet] [-- --no-tables] [-- <name filter>…]
 * npm run eval -- --identities [<name filter>…]   (table-era department reports: do their tables add up?)
 * npm run eval -- --ocr-full | --no-ocr | --ocr-only   (issue 16: scans read by OCR; small set by default)
 *
 * Runs decode → segment → extract → validate in process on every input that
 * has a gold file (shared/gold/** and test/gold/*.json), scores each report
 * against its gold and prints per file and in total: required metrics found,
 * missing, wrong, false positives, absent keys filled, breakdowns, meta
 * fields, sections, findings, precision and recall. Exits 1 when a figure
 * falls below scripts/eval/thresholds.ts (only on a full, unfiltered run);
 * exits 0 with a message when the shared data folder is absent.
 */
import { readFileSync } from 'node:fs';
import { runInProcess } from '@gongkai/stages';
import { SHARED_DIR, sharedAvailable } from '@gongkai/testkit';
import { loadGold, type GoldCase } from './eval/gold.load.ts';
import { printReport, totalsOf, type CaseResult, type Totals } from './eval/report.print.ts';
import { metaBelow, printMeta, runMetaGold, splitOfGoldFiles } from './eval/meta.score.ts';
import { failedFile, scoreFile } from './eval/score.ts';
import { THRESHOLDS } from './eval/thresholds.ts';
import { runIdentities } from './eval/identities.run.ts';
import { printTables, tablesBelow } from './eval/tables.print.ts';
import { runTables } from './eval/tables.run.ts';
import { ocrBelow, ocrGroups, printOcr } from './eval/ocr.print.ts';
import { runOcr } from './eval/ocr.run.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const quiet = args.includes('--quiet');
const filters = args.filter((a) => !a.startsWith('--'));

async function runCase(c: GoldCase): Promise<CaseResult> {
  const t0 = performance.now();
  try {
    const bytes = new Uint8Array(readFileSync(c.inputPath));
    const { outputs } = await runInProcess({ bytes, name: c.inputPath.split('/').pop() ?? c.name });
    const score = scoreFile(c.gold, {
      metrics: outputs.extract.metrics,
      mentions: outputs.extract.mentions,
      breakdowns: outputs.extract.breakdowns,
      meta: outputs.segment.meta,
      sections: outputs.segment.sections,
      script: outputs.decode.decode.script,
      findings: outputs.validate.findings,
    });
    return { name: c.name, origin: c.origin, ms: performance.now() - t0, error: null, score };
  } catch (err) {
    return { name: c.name, origin: c.origin, ms: performance.now() - t0, error: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err), score: failedFile(c.gold) };
  }
}

type GoldGroup = 'seeds' | 'project' | 'narrative' | 'tables';

/**
 * Which set a gold file belongs to: the shared seeds, the project's first
 * gold (test/gold/*.json), the narrative gold of issue 14
 * (test/gold/narrative/) or the table-cell gold of issue 13 (`scope: tables`).
 */
function goldGroup(c: GoldCase): GoldGroup {
  if (c.origin === 'shared') return 'seeds';
  if ((c.gold as { scope?: string }).scope === 'tables') return 'tables';
  return /[\\/]narrative[\\/]/.test(c.goldPath) ? 'narrative' : 'project';
}

function belowThresholds(groups: Record<string, Totals>): string[] {
  const fails: string[] = [];
  const check = (group: string, t: Totals | undefined, floor: { recall: number; precision: number; breakdowns: number }) => {
    if (!t) return;
    if (t.recall < floor.recall) fails.push(`${group} recall ${t.recall.toFixed(4)} < ${floor.recall}`);
    if (t.precision < floor.precision) fails.push(`${group} precision ${t.precision.toFixed(4)} < ${floor.precision}`);
    if (t.breakdownRecall < floor.breakdowns) fails.push(`${group} breakdowns ${t.breakdownRecall.toFixed(4)} < ${floor.breakdowns}`);
  };
  check('total', groups['total'], THRESHOLDS.total);
  check('seeds', groups['seeds'], THRESHOLDS.seeds);
  check('project', groups['project'], THRESHOLDS.project);
  check('narrative', groups['narrative'], THRESHOLDS.narrative);
  check('tables', groups['tables'], THRESHOLDS.tablesGold);
  return fails;
}

async function main(): Promise<number> {
  if (!sharedAvailable) {
    process.stdout.write(`eval skipped: the shared data folder ${SHARED_DIR} is absent\n`);
    return 0;
  }
  if (args.includes('--identities')) {
    process.stdout.write(`${await runIdentities(filters)}\n`);
    return 0;
  }
  const cases = loadGold().filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f) || c.gold.file.includes(f)));
  if (args.includes('--ocr-only')) {
    const ocr = await runOcr(cases, args.includes('--ocr-full'));
    const fails = filters.length === 0 ? ocrBelow(ocr, args.includes('--ocr-full')) : [];
    process.stdout.write(asJson ? `${JSON.stringify({ ocr, ocrGroups: ocrGroups(ocr), belowThresholds: fails }, null, 2)}\n` : `${printOcr(ocr, !quiet, args.includes('--ocr-full'))}\n${fails.length ? `\nBELOW THRESHOLD (scripts/eval/ocr.thresholds.ts):\n  ${fails.join('\n  ')}\n` : ''}`);
    return fails.length ? 1 : 0;
  }
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c));
  const groupOf = cases.map(goldGroup);
  const inGroup = (g: GoldGroup) => results.filter((_, i) => groupOf[i] === g);
  const groups: Record<string, Totals> = {
    seeds: totalsOf(inGroup('seeds')),
    project: totalsOf(inGroup('project')),
    narrative: totalsOf(inGroup('narrative')),
    tables: totalsOf(inGroup('tables')),
    total: totalsOf(results),
  };
  const metaGoldFiles = splitOfGoldFiles(cases, results);
  const metaTables = await runMetaGold(filters);
  const fails = filters.length === 0 ? [...belowThresholds(groups), ...metaBelow(metaGoldFiles, metaTables, THRESHOLDS.meta)] : [];
  // table cells from the file and from renderings of its gold cells (issue 13)
  const tables = args.includes('--no-tables') ? [] : await runTables(cases);
  if (filters.length === 0) fails.push(...tablesBelow(tables));
  // scans of the text PDFs read by OCR (issue 16)
  const ocr = args.includes('--no-ocr') ? [] : await runOcr(cases, args.includes('--ocr-full'));
  if (filters.length === 0) fails.push(...ocrBelow(ocr, args.includes('--ocr-full')));
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ thresholds: THRESHOLDS, groups, files: results, meta: { goldFiles: metaGoldFiles, tables: metaTables }, tables, ocr, belowThresholds: fails }, null, 2)}\n`);
  } else {
    process.stdout.write(`${printReport(results, groups, !quiet)}\n`);
    process.stdout.write(`${printMeta(metaGoldFiles, metaTables, !quiet)}\n`);
    if (tables.length) process.stdout.write(`\n${printTables(tables, !quiet)}\n`);
    if (ocr.length) process.stdout.write(`\n${printOcr(ocr, !quiet, args.includes('--ocr-full'))}\n`);
    if (fails.length) process.stdout.write(`\nBELOW THRESHOLD (scripts/eval/thresholds.ts):\n  ${fails.join('\n  ')}\n`);
  }
  return fails.length ? 1 : 0;
}

process.exitCode = await main();
