/**
 * run.transitions.ts is the only code that writes the progress ledger,
 * enqueues a stage job or changes a report's status: no other source file
 * of the packages or services calls those writes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const files = ['packages', 'services'].flatMap((d) => readdirSync(join(root, d)).map((p) => join(root, d, p, 'src'))).flatMap((d) => {
  try {
    return sources(d);
  } catch {
    return [];
  }
});

/** A write and the files allowed to make it. */
const WRITES: Array<[string, RegExp, string[]]> = [
  ['writes the progress ledger', /\.progress\.(record|advance|clear|reschedule)\(/, ['packages/pipeline/src/run.transitions.ts']],
  ['enqueues a stage job', /\.enqueue(Bulk)?\(/, ['packages/pipeline/src/run.transitions.ts']],
  ['changes a report status', /store\.(intake|saveStageOutput|markFailed|startRun|resume)\(/, ['packages/pipeline/src/run.transitions.ts', 'packages/pipeline/src/dead-letter.ts']],
  ['dead-letters a job', /from '\.\/dead-letter\.ts'/, ['packages/pipeline/src/run.transitions.ts']],
];

describe('one owner for a run\'s transitions', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => relative(root, f))).toContain('packages/pipeline/src/run.transitions.ts');
  });

  it.each(WRITES)('only run.transitions.ts %s', (_what, pattern, allowed) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(offenders.filter((f) => !allowed.includes(f))).toEqual([]);
    expect(offenders).toContain(allowed[0]);
  });
});
