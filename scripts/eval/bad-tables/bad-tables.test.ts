/**
 * Bad tables through the real stages (issue 13): ragged rows, 10,000
 * columns, a 1 MB digit run and cells of binary junk, each in an HTML page,
 * a Markdown conversion and plain text. Each must end as findings or as a
 * permanent error a person can read (what the queue dead-letters), never a
 * crash or a hang. The cases run in a child process under a time limit, so
 * a hang fails its tests instead of stalling the run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_FORMATS, type BadFormat, type BadTable } from './bad-tables.inputs.ts';
import type { ProbeOutcome } from './bad-tables.probe.ts';

const PROBE = fileURLToPath(new URL('./bad-tables.probe.ts', import.meta.url));
/** An ordinary report takes well under a second; each hostile file gets this long. */
const PER_FILE_MS = 5_000;

/** Runs the cases in one child process; a case missing from its output did not finish in time or crashed it. */
function probe(cases: ReadonlyArray<readonly [BadTable, BadFormat]>): { outcomes: ProbeOutcome[]; failure: string | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE, ...cases.map(([k, f]) => `${k}:${f}`)], {
    encoding: 'utf8', timeout: PER_FILE_MS * cases.length, maxBuffer: 16 << 20,
  });
  const outcomes = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ProbeOutcome);
  const failure = r.signal ? `killed by ${r.signal} after ${PER_FILE_MS * cases.length} ms (a hang)` : r.status !== 0 ? `process crashed (exit ${r.status}): ${r.stderr.slice(0, 500)}` : null;
  return { outcomes, failure };
}

const QUICK: BadTable[] = ['ragged rows', '10,000 columns', 'binary junk cells', 'mojibake cells'];
let quick: ReturnType<typeof probe>;

function outcome(kind: BadTable, format: BadFormat, run = quick): ProbeOutcome {
  const o = run.outcomes.find((x) => x.kind === kind && x.format === format);
  if (!o) throw new Error(`${kind} (${format}) gave no outcome: ${run.failure ?? 'missing'}`);
  return o;
}

const rules = (o: ProbeOutcome) => o.findings.map((f) => f.rule);
const t3Cells = (o: ProbeOutcome) => o.cells.filter((c) => c.startsWith('t3.'));

beforeAll(() => {
  quick = probe(BAD_FORMATS.flatMap((f) => QUICK.map((k) => [k, f] as const)));
}, PER_FILE_MS * 12 + 10_000);

describe.each<BadFormat>([...BAD_FORMATS])('bad tables in %s', (format) => {
  it('ragged rows (2, 12, 1, 6, 9, 0 and 4 cells) → findings: 表三 flagged TABLE_UNREAD, no figure the rows do not print', () => {
    const o = outcome('ragged rows', format);
    expect(o.error).toBeNull();
    expect(rules(o)).toContain('TABLE_UNREAD');
    for (const c of t3Cells(o)) expect(['0', '1', '2', '3', '4', '9']).toContain(c.split('=')[1]);
  });

  it('10,000 columns in one row → findings: TABLE_UNREAD, no cell of the oversized row read', () => {
    const o = outcome('10,000 columns', format);
    expect(o.error).toBeNull();
    expect(rules(o)).toContain('TABLE_UNREAD');
    expect(t3Cells(o).filter((c) => c.startsWith('t3.new_received.'))).toEqual([]);
    expect(o.heapMb).toBeLessThan(500);
  });

  it('cells of binary junk (controls, U+FFFD, private use) → dead letter: BadInputError UNDECODABLE naming the file', () => {
    const o = outcome('binary junk cells', format);
    expect(o.error).toMatchObject({ name: 'BadInputError', code: 'UNDECODABLE', retryable: false });
    expect(o.error?.message).toMatch(/^bad-binary-junk-cells\.(html|md|txt) decodes as .*unusable characters/u);
  });

  it('mojibake in the cells of one row (decodable, no figure) → findings: TABLE_UNREAD, nothing read from that row', () => {
    const o = outcome('mojibake cells', format);
    expect(o.error).toBeNull();
    expect(rules(o)).toContain('TABLE_UNREAD');
    expect(t3Cells(o).filter((c) => c.startsWith('t3.new_received.'))).toEqual([]);
  });

  // Today two stages are superlinear on a long digit run in a table row (measured 12:25 UTC on a
  // loaded machine): decode 0.4 s at 10,000 digits, 3.9 s at 40,000; validate 2.5 s at 10,000,
  // 30 s at 40,000; 1,000,000 digits do not finish in 120 s. Missing: a linear (or time-boxed)
  // pass over long digit runs in decode and in validate's rules (segment and extract stay
  // under 0.3 s at 40,000 digits).
  // Flip `it.fails` to `it` when it finishes within the limit; only the text case runs meanwhile
  // (each hang costs the full limit), the HTML and Markdown cases are todo until then.
  const digitRun = 'a 1 MB digit run in a cell → findings: the run left unread (TABLE_UNREAD or AMBIGUOUS_CELLS), no split guessed';
  if (format !== 'text') it.todo(`${digitRun} (hangs in decode today, as in text)`);
  else it.fails(digitRun, { timeout: PER_FILE_MS * 2 + 5_000 }, () => {
    const o = outcome('1 MB digit run', format, probe([['1 MB digit run', format]]));
    expect(o.error).toBeNull();
    expect(t3Cells(o).filter((c) => c.startsWith('t3.new_received.'))).toEqual([]);
    expect(rules(o).some((r) => r === 'TABLE_UNREAD' || r === 'AMBIGUOUS_CELLS')).toBe(true);
  });
});
