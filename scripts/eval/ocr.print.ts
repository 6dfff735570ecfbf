/**
 * Prints the OCR section of the evaluation and checks its floors
 * (ocr.thresholds.ts): figures from scans at 300 dpi (every damage) against
 * the text versions' gold, the same at 150 dpi (reported), and wrong figures
 * or cells that OCR did not flag uncertain.
 */
import type { OcrCaseResult } from './ocr.run.ts';
import { OCR_THRESHOLDS } from './ocr.thresholds.ts';

export interface OcrTotals {
  scans: number;
  pages: number;
  /** Figures the gold requires (report figures + printed table cells). */
  required: number;
  found: number;
  wrong: number;
  falsePositives: number;
  missing: number;
  wrongUnflagged: number;
  wrongFlagged: number;
  recall: number;
  precision: number;
  secondsPerPage: number;
  errors: number;
}

export function ocrTotals(results: readonly OcrCaseResult[]): OcrTotals {
  const t: OcrTotals = { scans: results.length, pages: 0, required: 0, found: 0, wrong: 0, falsePositives: 0, missing: 0, wrongUnflagged: 0, wrongFlagged: 0, recall: 1, precision: 1, secondsPerPage: 0, errors: 0 };
  let tp = 0;
  let ms = 0;
  for (const r of results) {
    t.pages += r.pages;
    ms += r.ms;
    if (r.error) t.errors++;
    t.wrongUnflagged += r.wrongUnflagged.length;
    t.wrongFlagged += r.wrongFlagged.length;
    if (r.kind === 'report' && r.figures) {
      const f = r.figures;
      t.required += f.required;
      t.found += f.found;
      tp += f.found + f.optionalFound;
      t.wrong += f.wrong.length + f.badEvidence.length;
      t.falsePositives += f.falsePositives.length;
      t.missing += f.missing.length;
    } else if (r.cells) {
      const c = r.cells;
      t.required += c.cells;
      t.found += c.right;
      tp += c.right;
      t.wrong += c.wrong.length;
      t.falsePositives += c.extra.length;
      t.missing += c.missing.length + c.ambiguousNull.length;
    }
  }
  const claimed = tp + t.wrong + t.falsePositives;
  t.precision = claimed === 0 ? 1 : tp / claimed;
  t.recall = t.required === 0 ? 1 : t.found / t.required;
  t.secondsPerPage = t.pages === 0 ? 0 : ms / 1000 / t.pages;
  return t;
}

export function ocrGroups(results: readonly OcrCaseResult[]): Record<string, OcrTotals> {
  return {
    '300 dpi, all damages': ocrTotals(results.filter((r) => r.variant.dpi === 300)),
    '300 dpi, clean': ocrTotals(results.filter((r) => r.variant.dpi === 300 && r.variant.damage === 'clean')),
    '300 dpi, damaged': ocrTotals(results.filter((r) => r.variant.dpi === 300 && r.variant.damage !== 'clean')),
    '150 dpi, clean': ocrTotals(results.filter((r) => r.variant.dpi === 150)),
  };
}

/** Floors: only the 300-dpi group is held (150 dpi is reported); the full set has its own. */
export function ocrBelow(results: readonly OcrCaseResult[], full = false): string[] {
  const t = ocrGroups(results)['300 dpi, all damages'];
  if (!t || t.scans === 0) return [];
  const fails: string[] = [];
  const f = full ? OCR_THRESHOLDS.full300 : OCR_THRESHOLDS.dpi300;
  if (t.recall < f.recall) fails.push(`ocr 300 dpi recall ${t.recall.toFixed(4)} < ${f.recall}`);
  if (t.precision < f.precision) fails.push(`ocr 300 dpi precision ${t.precision.toFixed(4)} < ${f.precision}`);
  if (t.wrongUnflagged > f.wrongUnflagged) fails.push(`ocr 300 dpi wrong and not flagged uncertain ${t.wrongUnflagged} > ${f.wrongUnflagged}`);
  return fails;
}

const pct = (x: number) => x.toFixed(4);

export function printOcr(results: readonly OcrCaseResult[], detail: boolean, full: boolean): string {
  const lines: string[] = [`OCR (issue 16): scans made now from the text PDFs, read by @gongkai/ocr → segment/extract/validate; ${full ? 'full set (--ocr-full)' : 'small set (--ocr-full for all)'}`];
  if (detail) {
    lines.push('  scan                                         pages  s/page  conf   found/required  wrong  fp  unflagged-wrong  error');
    for (const r of results) {
      const t = ocrTotals([r]);
      const label = `${r.name} ${r.variant.dpi}dpi ${r.variant.damage}`.padEnd(44);
      lines.push(`  ${label} ${String(r.pages).padStart(5)}  ${t.secondsPerPage.toFixed(1).padStart(6)}  ${r.meanConfidence.toFixed(2)}  ${`${t.found}/${t.required}`.padStart(14)}  ${String(t.wrong).padStart(5)}  ${String(t.falsePositives).padStart(2)}  ${String(t.wrongUnflagged).padStart(15)}  ${r.error ?? ''}`);
      const miss = [...(r.figures?.wrong ?? []).map((w) => `${w.key}=${w.got ?? '?'}≠${w.want}`), ...(r.cells?.wrong ?? []).map((w) => `${w.key}=${w.got ?? '?'}≠${w.want}`)];
      const missing = [...(r.figures?.missing ?? []).map((m) => m.key), ...(r.cells?.missing ?? []).map((m) => m.key)];
      if (missing.length) lines.push(`      missing (${missing.length}): ${missing.join(', ')}`);
      if (miss.length) lines.push(`      wrong (${miss.length}): ${miss.join(', ')}${r.wrongFlagged.length ? `; flagged uncertain: ${r.wrongFlagged.length}` : ''}`);
    }
  }
  lines.push('  group                  scans pages  recall  precision  wrong  fp  missing  wrong-unflagged  s/page');
  for (const [g, t] of Object.entries(ocrGroups(results))) {
    if (t.scans === 0) continue;
    lines.push(`  ${g.padEnd(22)} ${String(t.scans).padStart(5)} ${String(t.pages).padStart(5)}  ${pct(t.recall)}  ${pct(t.precision).padStart(9)}  ${String(t.wrong).padStart(5)}  ${String(t.falsePositives).padStart(2)}  ${String(t.missing).padStart(7)}  ${String(t.wrongUnflagged).padStart(15)}  ${t.secondsPerPage.toFixed(1).padStart(6)}`);
  }
  const f = OCR_THRESHOLDS;
  const held = full ? f.full300 : f.dpi300;
  lines.push(`  targets (issue 16) at 300 dpi: recall ≥ ${f.target.recall}, precision ≥ ${f.target.precision}, wrong not flagged = 0; floors held: recall ≥ ${held.recall}, precision ≥ ${held.precision}, wrong not flagged ≤ ${held.wrongUnflagged}`);
  return lines.join('\n');
}
