/**
 * Decode stage throughput: the whole stage (detection, decoding, pinyin,
 * t2s, normalization, offset map) on the seeds repeated to ≥ 5 MB, for
 * UTF-8, GB18030 and traditional Big5 input, beside the raw iconv-lite
 * decode and the raw opencc-js t2s conversion of the same bytes. The ratio
 * stage / (iconv + opencc) is the stage's overhead; the target is ≤ 3.
 */
import { decode } from '@gongkai/decode';
import { readShared, realCorpusFiles, seedFiles, sharedAvailable } from '@gongkai/testkit';
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/t2cn';
import { round, type BenchRow, type BenchSection } from './lib.ts';

const TARGET_BYTES = 5 * 1024 * 1024;
const MB = 1024 * 1024;

interface Input {
  name: string;
  encoding: 'utf-8' | 'gb18030' | 'big5';
  files: Array<{ name: string; bytes: Uint8Array }>;
}

/** Repeats `docs` (re-encoded) until the batch holds at least TARGET_BYTES. */
function batch(docs: Array<{ name: string; text: string }>, encoding: Input['encoding'], target: number): Input['files'] {
  const encoded = docs.map((d) => ({ name: d.name, bytes: new Uint8Array(iconv.encode(d.text, encoding)) }));
  const files: Input['files'] = [];
  let total = 0;
  for (let i = 0; total < target; i++) {
    const f = encoded[i % encoded.length];
    if (!f) break;
    files.push(f);
    total += f.bytes.length;
  }
  return files;
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  if (!sharedAvailable) return [{ title: 'decode stage', rows: [], notes: ['skipped: ../shared is absent'] }];
  const seeds = seedFiles().map((f) => ({ name: f.name, text: new TextDecoder().decode(readShared(f.rel)) }));
  const simplified = seeds.filter((s) => !s.name.startsWith('001_'));
  const traditional = seeds.filter((s) => s.name.startsWith('001_'));
  const target = quick ? TARGET_BYTES / 10 : TARGET_BYTES;
  const inputs: Input[] = [
    { name: 'UTF-8 (all 5 seeds)', encoding: 'utf-8', files: batch(seeds, 'utf-8', target) },
    { name: 'GB18030 (simplified seeds)', encoding: 'gb18030', files: batch(simplified, 'gb18030', target) },
    { name: 'Big5 (traditional seed 001)', encoding: 'big5', files: batch(traditional, 'big5', target) },
  ];
  const t2s = Converter({ from: 'hk', to: 'cn' });
  const rounds = quick ? 3 : 7;
  const rows: BenchRow[] = [];
  for (const input of inputs) {
    const bytes = input.files.reduce((s, f) => s + f.bytes.length, 0);
    const texts = input.files.map((f) => iconv.decode(f.bytes as Buffer, input.encoding));
    const stage = async () => {
      for (const f of input.files) await decode({ bytes: f.bytes, name: f.name });
    };
    const rawIconv = () => {
      for (const f of input.files) iconv.decode(f.bytes as Buffer, input.encoding);
    };
    const rawOpencc = () => {
      for (const t of texts) t2s(t);
    };
    // interleaved rounds, medians: the machine is shared and noisy, drift hits all three alike
    const ms = { stage: [] as number[], iconv: [] as number[], opencc: [] as number[] };
    await stage();
    for (let r = 0; r < rounds; r++) {
      ms.stage.push(await timeOnce(stage));
      ms.iconv.push(await timeOnce(rawIconv));
      ms.opencc.push(await timeOnce(rawOpencc));
    }
    const [st, ic, oc] = [median(ms.stage), median(ms.iconv), median(ms.opencc)];
    const mbps = (t: number) => round(bytes / MB / (t / 1000), 1);
    const ratio = st / (ic + oc);
    rows.push({
      name: input.name,
      MB: round(bytes / MB, 2),
      files: input.files.length,
      'stage MB/s': mbps(st),
      'iconv MB/s': mbps(ic),
      'opencc MB/s': mbps(oc),
      'stage / (iconv+opencc)': round(ratio, 2),
      'within 3x': ratio <= 3 ? 'yes' : 'NO',
    });
  }
  return [
    {
      title: 'decode stage vs raw conversions (same bytes)',
      rows,
      notes: [
        'stage = decode() per file: format sniff, encoding detection, decoding, pinyin removal, script detection, t2s when needed, width/space/line normalization, chrome, offset map',
        'iconv = iconv-lite decode of the same bytes; opencc = opencc-js t2s (hk→cn, built once) over the decoded text of every file',
        `medians of ${rounds} interleaved rounds; target: stage within 3x of iconv + opencc`,
      ],
    },
    await corpusSection(quick),
  ];
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Milliseconds per file of the real corpus, by format (PDF layout analysis dominates). */
async function corpusSection(quick: boolean): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  const byFormat = new Map<string, { files: number; bytes: number; ms: number[] }>();
  for (const f of realCorpusFiles()) {
    const bytes = readShared(f.rel);
    const runs: number[] = [];
    for (let r = 0; r < (quick ? 1 : 3); r++) runs.push(await timeOnce(() => decode({ bytes, name: f.name })));
    const format = (await decode({ bytes, name: f.name })).decode.format;
    const entry = byFormat.get(format) ?? { files: 0, bytes: 0, ms: [] };
    entry.files++;
    entry.bytes += bytes.length;
    entry.ms.push(median(runs));
    byFormat.set(format, entry);
  }
  for (const [format, e] of byFormat) {
    const total = e.ms.reduce((a, b) => a + b, 0);
    rows.push({ name: format, files: e.files, KB: round(e.bytes / 1024, 0), 'ms per file': round(total / e.files, 1), 'max ms': round(Math.max(...e.ms), 1) });
  }
  return { title: 'decode stage on the real corpus (../shared/corpus/real)', rows };
}
