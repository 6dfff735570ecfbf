/** Output helpers of the CLI: results on stdout, progress and problems on stderr. */

/**
 * Something the operator can fix by asking differently (a bad flag, a file
 * that is not there, an id that names no report): one line and a usage hint,
 * exit 2, never a stack trace.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** A line telling what to do instead; the command's usage line when absent. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The exit code of a usage error (bad flags, files, ids): what `grep` and `ls` use. */
export const EXIT_USAGE = 2;

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const err = (line = '') => process.stderr.write(`${line}\n`);

/** A rate for people: "0.4/s", "12/s", "9k/s". */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec) || perSec < 0) return '?/s';
  if (perSec < 10) return `${perSec.toFixed(1)}/s`;
  if (perSec < 1000) return `${Math.round(perSec)}/s`;
  return `${Math.round(perSec / 1000)}k/s`;
}

interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal, one line every
 * 5% otherwise (CI logs stay short). The last tick (done = total) ends its
 * line, so what follows starts on a line of its own even when `end` is never
 * reached. `rate: false` leaves the rate out (a dry run's "rate" is how fast
 * nothing was done).
 */
export function progress(
  label: string,
  total: number,
  opts: { rate?: boolean; stream?: ProgressStream } = {},
): { tick(done: number, note?: string): void; end(): void } {
  const stream = opts.stream ?? process.stderr;
  const tty = !!stream.isTTY;
  let lastPct = -1;
  let open = false; // a terminal line drawn without its newline
  const t0 = Date.now();
  const end = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    tick(done, note = '') {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const rate = opts.rate === false ? '' : ` ${formatRate(done / Math.max(0.001, (Date.now() - t0) / 1000))}`;
      const tail = `${rate}${note ? ` ${note}` : ''}`;
      if (tty) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r${`${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${tail}`.padEnd(100)}`);
        open = true;
        if (done >= total) end();
      } else if (pct >= lastPct + 5 || done === total) {
        lastPct = pct;
        stream.write(`${label}: ${done}/${total} (${pct}%)${tail}\n`);
      }
    },
    end,
  };
}

export function table(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd();
  return [line(cols), line(w.map((n) => '-'.repeat(n))), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n');
}
