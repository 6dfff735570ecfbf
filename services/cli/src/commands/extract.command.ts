import { OPS_SERVER_KEYS, envFor, loadConfig } from '@gongkai/config';
import { PipelineError } from '@gongkai/core';
import { runInProcess } from '@gongkai/stages';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Command } from '../command.types.ts';
import { UsageError, err, out, table } from '../cli.io.ts';

export const extractCommand: Command = {
  name: 'extract',
  summary: 'run the four stages in process on one file and print its report document (no servers)',
  usage: 'gongkai extract FILE [--json]',
  async run(argv, env) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('extract takes exactly one FILE');
    const config = loadConfig(envFor(env, OPS_SERVER_KEYS));
    const path = resolve(file);
    const bytes = new Uint8Array(await readFile(path));
    try {
      const { report } = await runInProcess({ bytes, name: basename(path) }, { decode: { maxBytes: config.maxBytes } }, pathToFileURL(path).href);
      report.status = report.status === 'processing' ? 'valid' : report.status;
      if (values.json) {
        out(JSON.stringify(report, null, 2));
        return 0;
      }
      const m = report.meta;
      out(`${report.source.name}  ${report.decode?.format}/${report.decode?.encoding} ${report.decode?.script}  regime ${m?.regime ?? '?'}`);
      out(`${m?.title ?? '(no title)'} — ${m?.agency ?? '(agency unknown)'} ${m?.year ?? ''}`);
      out(`status: ${report.status}`);
      out('');
      const metrics = report.metrics ?? [];
      if (metrics.length > 0) out(table(metrics.map((x) => ({ key: x.key, value: `${x.approx ? '≥' : ''}${x.value}`, unit: x.unit, quote: x.evidence.quote.slice(0, 40) }))));
      for (const f of report.findings ?? []) out(`${f.severity.padEnd(7)} ${f.rule}: ${f.message}`);
      return 0;
    } catch (e) {
      if (e instanceof PipelineError) {
        err(`${basename(path)}: ${e.code}: ${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
