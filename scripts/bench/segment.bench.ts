/**
 * Segment stage: MB/s of segment() alone over the seeds and the real corpus
 * (each decoded once), per file and in total, plus a long synthetic body (a
 * flattened page repeated to ~200 KB) to show the cost stays linear; and per
 * report what it found (regime, 表三/表四 cells placed / ambiguous).
 */
import type { DecodeResult } from '@gongkai/core';
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { readShared, realCorpusFiles, seedFiles, sharedAvailable, type SharedFile } from '@gongkai/testkit';
import { round, timePerCall, type BenchRow, type BenchSection } from './lib.ts';

const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');

function short(f: SharedFile): string {
  const m = /^(\d+)_.*?(\d{4})/.exec(f.name);
  return m ? `${m[1]} (${m[2]})` : f.name.replace(/\.[^.]+$/, '').slice(0, 24);
}

async function decodeAll(files: SharedFile[]): Promise<Array<{ file: SharedFile; d: DecodeResult }>> {
  const out: Array<{ file: SharedFile; d: DecodeResult }> = [];
  for (const file of files) {
    try {
      out.push({ file, d: await decode({ bytes: readShared(file.rel), name: file.name }, {}) });
    } catch {
      // a file the decoder refuses is the decode bench's business
    }
  }
  return out;
}

function mbPerS(bytes: number, ms: number): number {
  return round(bytes / 1e6 / (ms / 1000), 1);
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  if (!sharedAvailable) return [{ title: 'segment stage', rows: [], notes: ['skipped: ../shared is absent'] }];
  const docs = await decodeAll([...seedFiles(), ...realCorpusFiles()]);
  const minMs = quick ? 150 : 1000;

  const totalBytes = docs.reduce((s, x) => s + bytesOf(x.d.text), 0);
  const all = await timePerCall(() => {
    for (const x of docs) segment({ decode: x.d });
  }, { minMs, warmup: 2 });

  const perFile: BenchRow[] = [];
  for (const x of docs) {
    const t = await timePerCall(() => segment({ decode: x.d }), { minMs: quick ? 30 : 200, warmup: 2 });
    const r = segment({ decode: x.d });
    const t3 = r.tables.find((t) => t.kind === 't3');
    const t4 = r.tables.find((t) => t.kind === 't4');
    const placed = (cells: typeof r.tables[number]['cells'] | undefined) => (cells ?? []).filter((c) => !c.derived && c.value !== null && !c.ambiguous).length;
    perFile.push({
      name: short(x.file),
      KB: round(bytesOf(x.d.text) / 1024, 1),
      'ms': round(t.msPerCall, 3),
      'MB/s': mbPerS(bytesOf(x.d.text), t.msPerCall),
      regime: r.meta.regime,
      sections: r.sections.length,
      't3 placed/amb': t3 ? `${placed(t3.cells)}/${t3.cells.filter((c) => c.ambiguous).length}` : '-',
      't4 placed': t4 ? placed(t4.cells) : '-',
      stats: r.tables.some((t) => t.kind === 'stats') ? 'yes' : '-',
    });
  }

  // a long flattened page: the 2020 pingtan body repeated to ~200 KB on one line
  const page = docs.find((x) => x.file.name.startsWith('80595'))?.d;
  const rows: BenchRow[] = [{
    name: `all ${docs.length} reports`, KB: round(totalBytes / 1024, 1), 'ms/pass': round(all.msPerCall, 2), 'MB/s': mbPerS(totalBytes, all.msPerCall),
  }];
  if (page) {
    const long = { ...page, text: Array.from({ length: Math.ceil(200_000 / page.text.length) }, () => page.text.replace(/\n/g, ' ')).join(' ') };
    const t = await timePerCall(() => segment({ decode: long }), { minMs, warmup: 1 });
    rows.push({ name: '80595 flattened ×N on one line', KB: round(bytesOf(long.text) / 1024, 1), 'ms/pass': round(t.msPerCall, 2), 'MB/s': mbPerS(bytesOf(long.text), t.msPerCall) });
  }
  return [
    { title: 'segment stage speed (segment alone, decoded once)', rows, notes: ['MB/s of UTF-8 text in decode.text'] },
    { title: 'segment per report', rows: perFile },
  ];
}
