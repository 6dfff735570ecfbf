/**
 * The layer rules (STYLE.md "The shape"), checked on every source file of
 * packages/*\/src and services/*\/src (tests excepted; test fixtures live
 * outside src/, in packages/x/test or test/stages): the pure packages import only @gongkai/core and no
 * I/O; only pipeline imports bullmq and ioredis; only store imports
 * mongodb; only config reads process.env; no import cycles. A dependency
 * rule checker in ~100 lines instead of dependency-cruiser, whose current
 * major needs Node ≥ 22 (this project runs on Node 20).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Workspace package name → its folder (packages/x or services/x). */
const packages = new Map<string, string>();
for (const group of ['packages', 'services']) {
  for (const name of readdirSync(join(root, group))) {
    const manifest = join(root, group, name, 'package.json');
    if (existsSync(manifest)) packages.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, join(root, group, name));
  }
}

function sourcesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourcesIn(p);
    return /\.(ts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

interface Import {
  spec: string;
  /** The file it resolves to (relative imports and workspace packages), else null. */
  to: string | null;
  typeOnly: boolean;
}

/** The static imports and re-exports of a source file. */
export function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'|^import\s+'([^']+)'/gms)) {
    const spec = m[3] ?? m[4]!;
    const names = (m[2] ?? '').trim();
    const listed = /^\{([^}]*)\}$/s.exec(names)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    const typeOnly = !!m[1] || (!!listed && listed.every((n) => /^type\s/.test(n)));
    const pkg = packages.get(spec);
    const to = spec.startsWith('.') ? resolve(dirname(file), spec) : pkg ? join(pkg, 'src', 'index.ts') : null;
    out.push({ spec, to, typeOnly });
  }
  return out;
}

/** Every cycle (strongly connected set of more than one file, or a file importing itself). */
export function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const set: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      set.push(w);
    } while (w !== v);
    if (set.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(set.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

const files = [...packages.values()].flatMap((dir) => sourcesIn(join(dir, 'src')));
const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const rel = (f: string) => relative(root, f);
const packageOf = (f: string) => rel(f).split('/').slice(0, 2).join('/');

const PURE = ['packages/core', 'packages/decode', 'packages/segment', 'packages/extract', 'packages/validate'];
const IO = /^(bullmq|ioredis|mongodb|pino|fs|node:fs(\/promises)?|node:child_process|node:net|node:http)$/;

/** Importers of `pattern` outside `allowed` packages. */
const importersOutside = (pattern: RegExp, allowed: string[]) =>
  files.filter((f) => !allowed.includes(packageOf(f)) && importsOf(f, texts.get(f)!).some((i) => pattern.test(i.spec))).map(rel);

describe('layers', () => {
  it('reads the whole tree', () => {
    expect(files.length).toBeGreaterThan(150);
    for (const p of PURE) expect(files.some((f) => packageOf(f) === p), p).toBe(true);
  });

  it('pure packages import only @gongkai/core and nothing that does I/O', () => {
    const bad = files
      .filter((f) => PURE.includes(packageOf(f)))
      .flatMap((f) => importsOf(f, texts.get(f)!).filter((i) => (i.spec.startsWith('@gongkai/') && i.spec !== '@gongkai/core') || IO.test(i.spec)).map((i) => `${rel(f)} → ${i.spec}`));
    expect(bad).toEqual([]);
  });

  it('only pipeline imports bullmq and ioredis', () => expect(importersOutside(/^(bullmq|ioredis)$/, ['packages/pipeline'])).toEqual([]));

  it('only store imports mongodb', () => expect(importersOutside(/^mongodb$/, ['packages/store'])).toEqual([]));

  it('only config reads process.env (mains pass it whole to loadConfig)', () => {
    // testkit is test support (where the shared test data is); embedded looks executables up on the OS's PATH
    const allowed = new Set(['packages/config', 'packages/testkit']);
    const exceptions = new Set(['packages/embedded/src/tools.ts']);
    const readers = files.filter((f) => !allowed.has(packageOf(f)) && !exceptions.has(rel(f)) && /process\.env\s*(\.|\[)/.test(texts.get(f)!));
    expect(readers.map(rel)).toEqual([]);
  });

  it('no import cycles, type-only imports included', () => {
    const edges = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!).flatMap((i) => (i.to && texts.has(i.to) ? [i.to] : []))]));
    expect(cyclesOf(edges).map((c) => c.map(rel))).toEqual([]);
  });

  it('finds a cycle and a type-only import when there is one', () => {
    expect(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(importsOf('/x/a.ts', "import {\n  type A,\n  type B,\n} from './b.ts';\nimport { typeGuard } from './c.ts';\nimport { c } from 'bullmq';")).toMatchObject([
      { typeOnly: true }, { typeOnly: false }, { typeOnly: false, spec: 'bullmq' },
    ]);
  });
});
