/** Output helpers of the CLI: results on stdout, progress and problems on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const err = (line = '') => process.stderr.write(`${line}\n`);

/**
 * A progress bar on stderr: redrawn in place on a terminal, one line every
 * 5% otherwise (CI logs stay short).
 */
export function progress(label: string, total: number): { tick(done: number, note?: string): void; end(): void } {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  const t0 = Date.now();
  return {
    tick(done, note = '') {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const rate = done / Math.max(0.001, (Date.now() - t0) / 1000);
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ${note}`.padEnd(100));
      } else if (pct >= lastPct + 5 || done === total) {
        lastPct = pct;
        err(`${label}: ${done}/${total} (${pct}%) ${rate.toFixed(1)}/s ${note}`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function table(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd();
  return [line(cols), line(w.map((n) => '-'.repeat(n))), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n');
}
