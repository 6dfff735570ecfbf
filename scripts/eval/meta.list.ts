/**
 * Lists the metadata segment gives for every file of the shared real corpus
 * (reports and openings; testkit leaves out SOURCES.md and HELDOUT.txt; the acceptance folders are not in it): npx tsx scripts/eval/meta.list.ts
 * One line a file: agency, level, region, agencyKey | title, titleSource.
 */
import { readFileSync } from 'node:fs';
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { openingFiles, realReportFiles } from '@gongkai/testkit';
for (const f of [...realReportFiles(), ...openingFiles()]) {
  try {
    const d = await decode({ bytes: new Uint8Array(readFileSync(f.path)), name: f.name });
    const m = segment({ decode: d }).meta;
    console.log(f.name.slice(0, 24).padEnd(24), m.agency, m.level, JSON.stringify(m.region), m.agencyKey, '|', m.title, m.titleSource);
  } catch (e) { console.log(f.name, 'ERR', String(e).slice(0, 80)); }
}
