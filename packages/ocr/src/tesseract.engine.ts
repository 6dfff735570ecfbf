/**
 * Tesseract 5 (Debian's tesseract-ocr with chi_sim) through its CLI: the page
 * PNG on stdin, TSV on stdout (one row per word: box and confidence). One
 * thread per process (OMP_THREAD_LIMIT=1): the worker's concurrency, not
 * OpenMP, spreads pages over cores, and OpenMP on a busy box only adds
 * contention. docs/ocr.md has the measurement that chose it.
 */
import { runTool } from './process.run.ts';
import type { EngineRunOptions, OcrEngine, OcrPageInput, OcrWord } from './ocr.types.ts';

const ENV = { OMP_THREAD_LIMIT: '1' };

/** Parses tesseract's TSV: level 4 rows are lines, level 5 rows are words. */
export function parseTsv(tsv: string): OcrWord[] {
  const lines = new Map<string, { top: number; bottom: number }>();
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, , block, par, line, , left, top, width, height, conf] = f.map(Number) as number[];
    const key = `${block}.${par}.${line}`;
    if (level === 4) lines.set(key, { top: top ?? 0, bottom: (top ?? 0) + (height ?? 0) });
    if (level !== 5) continue;
    const text = f.slice(11).join('\t').trim();
    if (text === '' || conf === undefined || conf < 0) continue;
    const l = lines.get(key) ?? { top: top ?? 0, bottom: (top ?? 0) + (height ?? 0) };
    words.push({
      text, conf: Math.max(0, Math.min(1, conf / 100)),
      x0: left ?? 0, y0: top ?? 0, x1: (left ?? 0) + (width ?? 0), y1: (top ?? 0) + (height ?? 0),
      line: key, lineTop: l.top, lineBottom: l.bottom,
    });
  }
  return words;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract';
  private versionText: Promise<string> | null = null;

  /** `languages`: traineddata names joined by "+" (chi_sim reads digits and Latin letters too). */
  constructor(private readonly languages = 'chi_sim') {}

  version(): Promise<string> {
    this.versionText ??= runTool('tesseract', ['--version'], { deadline: Date.now() + 15_000, env: ENV }).then((r) => {
      const all = `${r.stdout.toString('utf8')}\n${r.stderr}`;
      return /tesseract\s+v?(\d+\.\d+\.\d+)/i.exec(all)?.[1] ?? 'unknown';
    });
    return this.versionText;
  }

  async recognize(page: OcrPageInput, options: EngineRunOptions): Promise<OcrWord[]> {
    // psm 3 (automatic layout) keeps table cells apart as blocks; the ruling lines are already erased
    const args = ['stdin', 'stdout', '-l', this.languages, '--psm', '3', '--dpi', String(Math.round(page.dpi)), '-c', 'tessedit_do_invert=0', 'tsv'];
    const r = await runTool('tesseract', args, { input: page.png, deadline: options.deadline, signal: options.signal, env: ENV });
    if (r.code !== 0) throw new Error(`tesseract exited ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    return parseTsv(r.stdout.toString('utf8'));
  }

  /**
   * Cell strips: digits stacked one per line (`--psm 6`: a block of lines;
   * whitelist of digits and separators, so "l"/"O"/"D" cannot be read),
   * cells the page reading missed stacked the same way (`chi_sim`), or
   * vertical Chinese crops side by side (`chi_sim_vert`, `--psm 5`).
   */
  async readStrip(strip: OcrPageInput, kind: 'digits' | 'vertical' | 'line', options: EngineRunOptions): Promise<OcrWord[]> {
    const mode = kind === 'digits'
      ? ['-l', 'eng', '--psm', '6', '-c', 'tessedit_char_whitelist=0123456789.,-%']
      : kind === 'line' ? ['-l', this.languages, '--psm', '6'] : ['-l', 'chi_sim_vert', '--psm', '5'];
    const args = ['stdin', 'stdout', ...mode, '--dpi', String(Math.round(strip.dpi)), '-c', 'tessedit_do_invert=0', 'tsv'];
    const r = await runTool('tesseract', args, { input: strip.png, deadline: options.deadline, signal: options.signal, env: ENV });
    if (r.code !== 0) throw new Error(`tesseract exited ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    return parseTsv(r.stdout.toString('utf8'));
  }

  async orientation(page: OcrPageInput, options: EngineRunOptions): Promise<number> {
    const r = await runTool('tesseract', ['stdin', 'stdout', '--psm', '0', '--dpi', String(Math.round(page.dpi))], {
      input: page.png, deadline: options.deadline, signal: options.signal, env: ENV,
    });
    const out = r.stdout.toString('utf8');
    const rotate = Number(/Rotate:\s*(\d+)/.exec(out)?.[1] ?? 0);
    const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(out)?.[1] ?? 0);
    return r.code === 0 && confidence >= 2 ? rotate : 0;
  }
}
