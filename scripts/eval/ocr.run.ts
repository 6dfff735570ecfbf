/**
 * The OCR part of `npm run eval` (issue 16): scans made now from PDFs with a
 * text layer (the real PDFs that have gold, and the ruled-PDF renderings of
 * the table gold), damaged as real scans are (ocr.scan.ts), read by
 * @gongkai/ocr and then by the real segment/extract/validate stages in
 * process; scored against the gold of the text version. Figures
 * (recall/precision, scoreFile) for the real reports; table cells
 * (right/wrong/missing, scoreCells) for the table gold, with wrong cells
 * split by whether OCR flagged the figure uncertain.
 *
 * By default a small set (OCR costs seconds per page on a 2-core box);
 * `--ocr-full` reads every case at 300 and 150 dpi and every damage.
 */
import { readFileSync } from 'node:fs';
import type { DecodeResult, Finding, Metric, StageOutputs } from '@gongkai/core';
import { OCR_UNCERTAIN_BELOW, ocrDocument } from '@gongkai/ocr';
import { runStage } from '@gongkai/stages';
import type { GoldCase } from './gold.load.ts';
import { hasTableCells, isTableKey } from './render/gold.cells.ts';
import { renderGold } from './render/renderings.ts';
import { failedFile, scoreFile, type FileScore } from './score.ts';
import { emptyCellScore, scoreCells, type CellScore } from './tables.score.ts';
import { printHtml, scanOf, type Damage } from './ocr.scan.ts';
import { cachedEngine } from './ocr.cache.ts';

export interface OcrVariant {
  dpi: 300 | 150;
  damage: Damage;
}

export interface OcrCaseResult {
  name: string;
  kind: 'report' | 'tables';
  variant: OcrVariant;
  pages: number;
  ms: number;
  error: string | null;
  /** Figures (real reports). */
  figures: FileScore | null;
  /** Table cells (table gold renderings). */
  cells: CellScore | null;
  /** Keys of wrong table cells whose figure OCR flagged uncertain. */
  wrongFlagged: string[];
  /** Wrong figures/cells the OCR did not flag (the count that must be 0). */
  wrongUnflagged: string[];
  meanConfidence: number;
}

const OCR_OPTIONS = { maxPages: 60, maxPixels: 120_000_000, dpi: 300, timeoutMs: 15 * 60_000 };
/** GONGKAI_OCR_EVAL_CACHE: engine answers kept on disk (ocr.cache.ts), for measuring layout changes quickly. */
const cacheDir = process.env.GONGKAI_OCR_EVAL_CACHE;
const engine = cacheDir ? cachedEngine(cacheDir) : undefined;

/** The text PDFs the scans are made from: real PDFs with gold, and table gold rendered as ruled PDFs. */
function sources(cases: readonly GoldCase[]): Array<{ c: GoldCase; kind: OcrCaseResult['kind']; pdf: () => Uint8Array }> {
  const out: Array<{ c: GoldCase; kind: OcrCaseResult['kind']; pdf: () => Uint8Array }> = [];
  for (const c of cases) {
    if (/\.pdf$/i.test(c.inputPath)) out.push({ c, kind: 'report', pdf: () => new Uint8Array(readFileSync(c.inputPath)) });
    else if ((c.gold as { scope?: string }).scope === 'tables' && hasTableCells(c.gold)) {
      out.push({ c, kind: 'tables', pdf: () => printHtml(renderGold(c.gold, 'html', c.name).bytes) });
    }
  }
  return out;
}

/**
 * A figure is flagged when the pipeline says it is doubtful: `ocrUncertain`
 * on its evidence, an OCR_UNCERTAIN finding on it (low confidence, garbled
 * digits, or an identity that contradicts it), or a region under its
 * evidence that holds a digit read below the confidence bar.
 */
function flagged(m: Metric, read: DecodeResult, findings: readonly Finding[]): boolean {
  const { start, end } = m.evidence;
  if (m.evidence.ocrUncertain) return true;
  if (findings.some((f) => f.rule === 'OCR_UNCERTAIN' && f.data?.['key'] === m.key)) return true;
  return (read.regions ?? []).some((r) => r.start < end && r.end > start && r.conf < OCR_UNCERTAIN_BELOW && /\d/.test(read.text.slice(r.start, r.end)));
}

async function stagesOn(read: DecodeResult): Promise<Pick<StageOutputs, 'segment' | 'extract' | 'validate'>> {
  const context = { decode: {} };
  const segment = await runStage('segment', { decode: read } as never, context);
  const extract = await runStage('extract', { decode: read, segment } as never, context);
  const validate = await runStage('validate', { decode: read, segment, extract } as never, context);
  return { segment, extract, validate } as Pick<StageOutputs, 'segment' | 'extract' | 'validate'>;
}

async function runOne(src: ReturnType<typeof sources>[number], variant: OcrVariant): Promise<OcrCaseResult> {
  const t0 = performance.now();
  const base: OcrCaseResult = {
    name: src.c.name, kind: src.kind, variant, pages: 0, ms: 0, error: null, figures: null, cells: null, wrongFlagged: [], wrongUnflagged: [], meanConfidence: 0,
  };
  try {
    const scan = await scanOf(src.pdf(), variant.dpi, variant.damage);
    base.pages = scan.pages;
    const name = `${src.c.name}.${variant.dpi}dpi.${variant.damage}.pdf`;
    const read = await ocrDocument(scan.bytes, name, OCR_OPTIONS, engine);
    base.meanConfidence = read.decode.ocr?.meanConfidence ?? 0;
    const out = await stagesOn(read);
    const metrics = out.extract.metrics;
    const byKey = new Map(metrics.map((m) => [m.key, m]));
    const split = (keys: string[]) => {
      for (const k of keys) (byKey.get(k) && flagged(byKey.get(k) as Metric, read, out.validate.findings) ? base.wrongFlagged : base.wrongUnflagged).push(k);
    };
    if (src.kind === 'tables') {
      base.cells = scoreCells(src.c.gold, metrics, out.segment.tables, true);
      split(base.cells.wrong.map((w) => w.key));
    } else {
      base.figures = scoreFile(src.c.gold, {
        metrics, mentions: out.extract.mentions, breakdowns: out.extract.breakdowns, meta: out.segment.meta,
        sections: out.segment.sections, script: read.decode.script, findings: out.validate.findings,
      });
      split([...base.figures.wrong.map((w) => w.key), ...base.figures.falsePositives.map((f) => f.key)]);
      // table cells of a real report are scored as figures above; keep the cell view too when it has them
      if (hasTableCells(src.c.gold)) base.cells = scoreCells(src.c.gold, metrics.filter((m) => isTableKey(m.key)), out.segment.tables, false);
    }
  } catch (err) {
    base.error = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0] ?? ''}` : String(err);
    if (src.kind === 'report') base.figures = failedFile(src.c.gold);
    else base.cells = { ...emptyCellScore(), cells: scoreCells(src.c.gold, [], [], false).cells };
  }
  base.ms = performance.now() - t0;
  return base;
}

/** Which scans to make: the default set is small (about a minute or two of OCR); `full` is every case × dpi × damage. */
export function ocrPlan(cases: readonly GoldCase[], full: boolean): Array<{ src: ReturnType<typeof sources>[number]; variant: OcrVariant }> {
  const all = sources(cases);
  if (full) {
    const variants: OcrVariant[] = [
      { dpi: 300, damage: 'clean' }, { dpi: 150, damage: 'clean' },
      { dpi: 300, damage: 'rot+2' }, { dpi: 300, damage: 'rot-2' }, { dpi: 300, damage: 'jpeg40' }, { dpi: 300, damage: 'grey' }, { dpi: 300, damage: 'seal' },
    ];
    // GONGKAI_OCR_EVAL_VARIANTS=300:clean,150:clean: the full set of sources with only these variants
    // (all seven cost ~20 minutes of CPU per source on a 2-core box)
    const only = process.env['GONGKAI_OCR_EVAL_VARIANTS']?.split(',').map((v) => v.trim()).filter(Boolean);
    const chosen = only ? variants.filter((v) => only.includes(`${v.dpi}:${v.damage}`)) : variants;
    return all.flatMap((src) => chosen.map((variant) => ({ src, variant })));
  }
  // one real report and one table gold: clean at 300 and 150 dpi, and the seal + a lean on the table gold
  const report = all.find((s) => s.kind === 'report' && /hzq2024/.test(s.c.inputPath)) ?? all.find((s) => s.kind === 'report');
  const tables = all.find((s) => s.kind === 'tables');
  const plan: Array<{ src: ReturnType<typeof sources>[number]; variant: OcrVariant }> = [];
  if (report) plan.push({ src: report, variant: { dpi: 300, damage: 'clean' } });
  if (tables) {
    plan.push({ src: tables, variant: { dpi: 300, damage: 'seal' } }, { src: tables, variant: { dpi: 300, damage: 'rot-2' } }, { src: tables, variant: { dpi: 150, damage: 'clean' } });
  }
  return plan;
}

/** Runs the plan two at a time (each Tesseract process uses one core). */
export async function runOcr(cases: readonly GoldCase[], full: boolean, parallel = 2): Promise<OcrCaseResult[]> {
  const plan = ocrPlan(cases, full);
  const results: OcrCaseResult[] = new Array(plan.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < plan.length; i = next++) {
      const p = plan[i] as (typeof plan)[number];
      results[i] = await runOne(p.src, p.variant);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  return results;
}
