/**
 * Tiny benchmark kit shared by the bench modules in scripts/bench/. Speed is
 * measured here, never asserted in tests; compare ratios from one run, since
 * the machine is noisy.
 */
export interface BenchRow {
  name: string;
  /** Any figures: MB/s, reports/s, ms per report, ratios… */
  [figure: string]: string | number;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

/** A bench module: scripts/bench/<area>.bench.ts exports `run`. */
export type BenchModule = { run(options: { quick: boolean }): Promise<BenchSection[]> };

/**
 * Calls `fn` repeatedly until at least `minMs` have passed (after `warmup`
 * calls) and returns the mean ms per call.
 */
export async function timePerCall(fn: () => unknown, { minMs = 1000, warmup = 3 } = {}): Promise<{ msPerCall: number; calls: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    await fn();
    calls++;
    elapsed = performance.now() - t0;
  }
  return { msPerCall: elapsed / calls, calls };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function printSection(section: BenchSection, out: NodeJS.WritableStream = process.stdout): void {
  const cols = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
  const widths = cols.map((c) => Math.max(c.length, ...section.rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  out.write(`\n## ${section.title}\n`);
  out.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of section.rows) out.write(`${line(cols.map((c) => String(r[c] ?? '')))}\n`);
  for (const n of section.notes ?? []) out.write(`  ${n}\n`);
}
