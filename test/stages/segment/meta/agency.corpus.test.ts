/**
 * Over every file of the shared real corpus that decodes (the acceptance
 * folders of HELDOUT.txt left out): the agency segment names is never a
 * fragment (agency.check.ts: a cut place, a leading sentence word, a name
 * with no anchor), and a report that names an agency gets a level.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '@gongkai/decode';
import { SHARED_DIR, SHARED_SKIP_REASON, realCorpusFiles, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { segment } from '../../../../packages/segment/src/segment.stage.ts';
import { fragmentReason } from '../../../../packages/segment/src/meta/agency.check.ts';

function heldOutIds(): Set<string> {
  const p = join(SHARED_DIR, 'corpus', 'real', 'HELDOUT.txt');
  if (!existsSync(p)) return new Set();
  return new Set([...readFileSync(p, 'utf8').matchAll(/\/(\d+)_/g)].map((m) => m[1] as string));
}

describe.skipIf(!sharedAvailable)(`agency names over the real corpus ${SHARED_SKIP_REASON}`, () => {
  it('names no fragment and gives a level to every named agency', async () => {
    const held = heldOutIds();
    const files = realCorpusFiles().filter((f) => !/\.md$/.test(f.name) && f.name !== 'HELDOUT.txt' && !held.has(f.name.split('_')[0] ?? ''));
    const problems: string[] = [];
    let named = 0;
    for (const f of files) {
      let text: string;
      let meta;
      try {
        const d = await decode({ bytes: new Uint8Array(readFileSync(f.path)), name: f.name });
        text = d.text;
        meta = segment({ decode: d }).meta;
      } catch {
        continue; // a file that does not decode says nothing about names
      }
      if (!meta.agency) continue;
      named++;
      const why = fragmentReason(meta.agency, text);
      if (why) problems.push(`${f.rel}: ${meta.agency} (${why})`);
      if (!meta.level) problems.push(`${f.rel}: ${meta.agency} has no level`);
    }
    expect(problems).toEqual([]);
    expect(named).toBeGreaterThan(files.length * 0.9);
  }, 180_000);
});
