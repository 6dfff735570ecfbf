/**
 * Lists the metadata segment gives for every file of the shared real corpus
 * (HELDOUT.txt's acceptance folders left out): npx tsx scripts/eval/meta.list.ts
 * One line a file: agency, level, region, agencyKey | title, titleSource.
 */
import { readFileSync } from 'node:fs';
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { SHARED_DIR, realCorpusFiles } from '@gongkai/testkit';
import { join } from 'node:path';
const held = new Set([...(() => { try { return readFileSync(join(SHARED_DIR, 'corpus/real/HELDOUT.txt'), 'utf8'); } catch { return ''; } })().matchAll(/\/(\d+)_/g)].map((m) => m[1]));
for (const f of realCorpusFiles()) {
  if (/\.md$|HELDOUT/.test(f.name) || held.has(f.name.split('_')[0])) continue;
  try {
    const d = await decode({ bytes: new Uint8Array(readFileSync(f.path)), name: f.name });
    const m = segment({ decode: d }).meta;
    console.log(f.name.slice(0, 24).padEnd(24), m.agency, m.level, JSON.stringify(m.region), m.agencyKey, '|', m.title, m.titleSource);
  } catch (e) { console.log(f.name, 'ERR', String(e).slice(0, 80)); }
}
