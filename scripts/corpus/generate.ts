/**
 * npm run corpus -- [--n 1000] [--seed 1] [--out .corpus/n1000-s1] [--formats txt,html,docx,pdf] [--inject 0.1]
 *
 * Writes N generated reports (both eras, mixed formats and encodings, some
 * with crawl damage, ~10% with one deliberate inconsistency) and the
 * generator's answer for each (answers.jsonl), then prints the mix.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli.args.ts';
import { writeCorpus } from './corpus.generate.ts';
import { FORMATS, type Format } from './corpus.types.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const n = args.num('n', 1000);
const seed = args.num('seed', 1);
const formats = args.get('formats', FORMATS.join(',')).split(',') as Format[];
for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new Error(`unknown format ${f}`);
const out = resolve(args.get('out', join(repo, '.corpus', `n${n}-s${seed}`)));

const t0 = performance.now();
const m = writeCorpus(out, n, { seed, formats, injectRate: args.num('inject', 0.1) }, (done) => process.stderr.write(`\r${done}/${n}`));
process.stderr.write('\n');
const mb = (m.bytes / 1024 / 1024).toFixed(1);
process.stdout.write(`${out}\n${m.n} reports, ${mb} MB, ${m.injected} with an injected inconsistency (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
for (const [title, rec] of [['format', m.byFormat], ['encoding', m.byEncoding], ['regime', m.byRegime]] as const) {
  process.stdout.write(`  ${title.padEnd(9)} ${Object.entries(rec).map(([k, v]) => `${k} ${v}`).join(' · ')}\n`);
}
