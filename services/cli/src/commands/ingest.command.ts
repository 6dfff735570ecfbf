import { ingest } from '@gongkai/pipeline';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { UsageError, err, out, progress } from '../cli.io.ts';
import { withDeps } from './with-deps.ts';

async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (p: string) => {
    const st = await lstat(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) for (const e of (await readdir(p)).sort()) await walk(join(p, e));
    else if (st.isFile() && !basename(p).startsWith('.')) files.push(p);
  };
  for (const p of paths) await walk(resolve(p));
  return files;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'enqueue files or folders without the watcher',
  usage: 'gongkai ingest PATH... [--json]',
  async run(argv, env) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
    if (positionals.length === 0) throw new UsageError('ingest needs at least one file or folder');
    const files = await expand(positionals);
    return withDeps(env, 'ingest', async (deps) => {
      const bar = progress('ingest', files.length);
      const counts = { created: 0, duplicate: 0, failed: 0 };
      const results: Array<{ file: string; reportId?: string; created?: boolean; error?: string }> = [];
      let i = 0;
      for (const file of files) {
        try {
          const r = await ingest(deps, { body: createReadStream(file), name: basename(file), uri: pathToFileURL(file).href });
          counts[r.created ? 'created' : 'duplicate']++;
          results.push({ file, reportId: r.reportId, created: r.created });
        } catch (e) {
          counts.failed++;
          results.push({ file, error: (e as Error).message });
          bar.end(); // a bar drawn on a terminal ends its line first
          err(`${file}: ${(e as Error).message}`);
        }
        bar.tick(++i);
      }
      bar.end();
      if (values.json) out(JSON.stringify({ ...counts, files: results }));
      else out(`${files.length} files: ${counts.created} new, ${counts.duplicate} already known, ${counts.failed} failed`);
      return counts.failed > 0 ? 1 : 0;
    });
  },
};
