/**
 * npm run bench [-- --quick] [-- area…]: runs every scripts/bench/<area>.bench.ts,
 * prints a table per section and writes results/bench-<time>.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSection, type BenchModule, type BenchSection } from './bench/lib.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const modules = readdirSync(join(here, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace('.bench.ts', '')))
  .sort();

const results: Record<string, BenchSection[]> = {};
for (const file of modules) {
  const mod = (await import(join(here, 'bench', file))) as BenchModule;
  const sections = await mod.run({ quick });
  results[file.replace('.bench.ts', '')] = sections;
  for (const s of sections) printSection(s);
}
const outDir = join(here, '..', 'results');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, quick, results }, null, 2));
process.stdout.write(`\nwritten ${out}\n`);
