#!/usr/bin/env node
/**
 * Writes a verbatim copy of one archive file from a saved read_file answer
 * (JSON: { repo, path, commit, text, total_chars }): the text is taken as
 * JSON decodes it, its length in code points must equal total_chars (else
 * the answer was paged or cut and nothing is written), and the copy is named
 * `<archive folder name>.page.txt`. Prints the SOURCES.md row.
 *
 *   node test/corpus/real/copy.write.mjs answer.json [answer.json …]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const a = JSON.parse(readFileSync(arg, 'utf8'));
  const length = [...a.text].length;
  if (a.offset !== 0 || length !== a.total_chars) {
    process.stderr.write(`${arg}: ${length} chars from offset ${a.offset}, archive has ${a.total_chars}: not written\n`);
    failed++;
    continue;
  }
  const folder = a.path.replace(/\/page\.txt$/u, '');
  const name = `${folder.split('/').pop()}.page.txt`;
  writeFileSync(join(here, name), a.text, 'utf8');
  const sha = createHash('sha256').update(readFileSync(join(here, name))).digest('hex');
  process.stdout.write(`| ${name} | ${folder} | ${a.commit} | ${length} | ${sha} |\n`);
}
process.exit(failed ? 1 : 0);
