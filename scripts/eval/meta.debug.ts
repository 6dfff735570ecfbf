/**
 * Explains the metadata of some files: npx tsx scripts/eval/meta.debug.ts FILE…
 * Prints the top of the decoded text, the page header, what each agency
 * source names (title, signature, opening, repetition, page header) and the meta.
 */
import { readFileSync } from 'node:fs';
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { agencySources } from '../../packages/segment/src/meta/agency.detect.ts';

for (const path of process.argv.slice(2)) {
  const d = await decode({ bytes: new Uint8Array(readFileSync(path)), name: path.split('/').pop() ?? path });
  const { meta } = segment({ decode: d });
  const { title, titleSource, agency, agencyAliases, agencyKey, level, region, year } = meta;
  process.stdout.write(`== ${path.split('/').pop()}\n${JSON.stringify(d.text.slice(0, 300))}\npage ${JSON.stringify(d.pageMeta)}\n`);
  process.stdout.write(`sources ${JSON.stringify(agencySources(d.text, title, d.pageMeta.source))}\n`);
  process.stdout.write(`meta ${JSON.stringify({ title, titleSource, agency, agencyAliases, agencyKey, level, region, year })}\n`);
}
