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
import { BAD_FORMATS, BAD_TABLES, type BadFormat, type BadTable } from './bad-tables.inputs.ts';
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

let ran: ReturnType<typeof probe>;

function outcome(kind: BadTable, format: BadFormat, run = ran): ProbeOutcome {
  const o = run.outcomes.find((x) => x.kind === kind && x.format === format);
  if (!o) throw new Error(`${kind} (${format}) gave no outcome: ${run.failure ?? 'missing'}`);
  return o;
}

const rules = (o: ProbeOutcome) => o.findings.map((f) => f.rule);
const t3Cells = (o: ProbeOutcome) => o.cells.filter((c) => c.startsWith('t3.'));

beforeAll(() => {
  ran = probe(BAD_FORMATS.flatMap((f) => BAD_TABLES.map((k) => [k, f] as const)));
}, PER_FILE_MS * BAD_FORMATS.length * BAD_TABLES.length + 10_000);

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

  // A million digits in one cell: decode, segment, extract and validate each walk the run a bounded
  // number of times (it was quadratic in decode's file-name scan and validate's count and percent
  // regexes until 2026-12-05: 30 s at 40,000 digits). The run is no figure (a cell holds at most
  // ~15 digits), so the row is left unread and 表三 is flagged, with no split of the run guessed.
  it('a 1 MB digit run in a cell → findings: TABLE_UNREAD (or AMBIGUOUS_CELLS), no cell of the row read, no figure of more than 15 digits, within the time limit', () => {
    const o = outcome('1 MB digit run', format);
    expect(o.error).toBeNull();
    expect(rules(o).some((r) => r === 'TABLE_UNREAD' || r === 'AMBIGUOUS_CELLS')).toBe(true);
    expect(t3Cells(o).filter((c) => c.startsWith('t3.new_received.'))).toEqual([]);
    expect(o.cells.filter((c) => (c.split('=')[1] ?? '').replace(/\D/gu, '').length > 15)).toEqual([]);
    expect(o.ms).toBeLessThan(PER_FILE_MS);
    expect(o.heapMb).toBeLessThan(500);
  });
});
