/**
 * Runs the real stages on hostile table files and prints what came of each
 * as one JSON line: the findings and table cells, or the error the pipeline
 * would dead-letter. Run in a child process by bad-tables.test.ts, so a hang
 * is caught by a time limit instead of stalling the test run.
 *
 * tsx scripts/eval/bad-tables/bad-tables.probe.ts '<kind>:<html|markdown|text>'…
 */
import { PipelineError } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { badTableFile, type BadFormat, type BadTable } from './bad-tables.inputs.ts';

export interface ProbeOutcome {
  kind: BadTable;
  format: BadFormat;
  ms: number;
  error: { name: string; code: string; retryable: boolean; message: string } | null;
  findings: Array<{ rule: string; message: string }>;
  /** Table cells read with a value: table.row.col=value. */
  cells: string[];
  ambiguous: number;
  unparsed: number;
  heapMb: number;
}

async function probe(kind: BadTable, format: BadFormat): Promise<ProbeOutcome> {
  const t0 = performance.now();
  const out: ProbeOutcome = { kind, format, ms: 0, error: null, findings: [], cells: [], ambiguous: 0, unparsed: 0, heapMb: 0 };
  try {
    const { outputs } = await runInProcess(badTableFile(kind, format));
    out.findings = outputs.validate.findings.map((f) => ({ rule: f.rule, message: f.message.slice(0, 300) }));
    for (const t of outputs.segment.tables) {
      out.unparsed += t.unparsed.length;
      for (const c of t.cells) {
        if (c.ambiguous) out.ambiguous++;
        if (c.value !== null) out.cells.push(`${t.kind}.${c.row}.${c.col}=${c.value}`);
      }
    }
  } catch (err) {
    const e = err instanceof PipelineError ? err : null;
    out.error = {
      name: err instanceof Error ? err.name : 'unknown',
      code: e?.code ?? 'NOT_A_PIPELINE_ERROR',
      retryable: e?.retryable ?? true,
      message: (err instanceof Error ? err.message : String(err)).slice(0, 300),
    };
  }
  out.ms = Math.round(performance.now() - t0);
  out.heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  return out;
}

// one JSON line per case as soon as it is done, so a hang leaves the finished ones readable
for (const arg of process.argv.slice(2)) {
  const [kind, format] = arg.split(':') as [BadTable, BadFormat];
  process.stdout.write(`${JSON.stringify(await probe(kind, format))}\n`);
}
