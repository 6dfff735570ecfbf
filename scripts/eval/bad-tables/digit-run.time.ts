/**
 * Per-stage time of a table row holding one run of N digits (issue 13):
 * tsx scripts/eval/bad-tables/digit-run.time.ts <html|markdown|text> N…
 */
import { runInProcess } from '@gongkai/stages';
import { badTableFile } from './bad-tables.inputs.ts';

const [format, ...ns] = process.argv.slice(2);
for (const n of ns.map(Number)) {
  const file = badTableFile('1 MB digit run', format as 'html' | 'markdown' | 'text', n);
  const t0 = performance.now();
  try {
    const { ms } = await runInProcess(file);
    process.stdout.write(`${format} ${n} digits: ${Math.round(performance.now() - t0)} ms ${JSON.stringify(ms)}\n`);
  } catch (err) {
    process.stdout.write(`${format} ${n} digits: ${Math.round(performance.now() - t0)} ms error ${(err as Error).message.slice(0, 200)}\n`);
  }
}
