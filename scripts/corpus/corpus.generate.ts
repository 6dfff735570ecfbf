/**
 * The corpus generator as a library: report `serial` of corpus `seed` is a
 * pure function of the two, so a corpus of any size can be written, or
 * regenerated one file at a time (the soak and the bench do that).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, CorpusDoc, Format } from './corpus.types.ts';
import { FORMATS } from './corpus.types.ts';
import { applyDamage } from './damage.apply.ts';
import { chooseRendering, renderFile } from './formats.render.ts';
import { renderRegimeA } from './regime-a.render.ts';
import { renderRegimeBC } from './regime-bc.render.ts';
import { Rng } from './rng.ts';

/** Bumped when the generator's output changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  seed: number;
  formats?: readonly Format[];
  /** Share of reports with one inconsistency put in on purpose. @defaultValue 0.1 */
  injectRate?: number;
}

export interface GeneratedFile {
  /** Relative path inside the corpus folder. */
  file: string;
  bytes: Uint8Array;
  answer: Answer;
  doc: CorpusDoc;
}

const EXT: Record<Format, string> = { txt: 'txt', html: 'html', docx: 'docx', pdf: 'pdf' };

export function generateOne(serial: number, opts: GenerateOptions): GeneratedFile {
  const rng = new Rng((opts.seed * 1_000_003) ^ (serial * 2_654_435_761));
  const inject = rng.chance(opts.injectRate ?? 0.1);
  const regime = rng.weighted([['A', 45], ['B', 15], ['C', 40]] as const);
  const doc = regime === 'A' ? renderRegimeA(rng, serial, inject) : renderRegimeBC(rng, serial, regime, inject);
  const rendering = chooseRendering(rng, opts.formats ?? FORMATS);
  // crawled text and pages carry the damage; DOCX and PDF come from the publisher's own file
  const { blocks, damage } = rendering.format === 'txt' || rendering.format === 'html' ? applyDamage(rng, doc.blocks) : { blocks: doc.blocks, damage: [] };
  const bytes = renderFile(blocks, rendering);
  const file = `files/${String(Math.floor(serial / 1000)).padStart(4, '0')}/r${String(serial).padStart(6, '0')}.${EXT[rendering.format]}`;
  const answer: Answer = {
    file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, regime: doc.regime, format: rendering.format,
    encoding: rendering.encoding, script: rendering.script, damage, year: doc.year, agency: doc.agency,
    metrics: doc.metrics, implied: doc.implied, injected: doc.injected,
  };
  return { file, bytes, answer, doc };
}

export interface CorpusManifest {
  version: number;
  seed: number;
  n: number;
  formats: readonly Format[];
  bytes: number;
  byFormat: Record<string, number>;
  byEncoding: Record<string, number>;
  byRegime: Record<string, number>;
  injected: number;
}

/** Writes (or reuses, when its manifest matches) a corpus of `n` reports under `dir`. */
export function writeCorpus(dir: string, n: number, opts: GenerateOptions, onProgress?: (done: number) => void): CorpusManifest {
  const formats = opts.formats ?? FORMATS;
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (m.version === GENERATOR_VERSION && m.seed === opts.seed && m.n === n && m.formats.join() === formats.join()) return m;
  }
  const m: CorpusManifest = { version: GENERATOR_VERSION, seed: opts.seed, n, formats, bytes: 0, byFormat: {}, byEncoding: {}, byRegime: {}, injected: 0 };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = generateOne(i, { ...opts, formats });
    const path = join(dir, g.file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, g.bytes);
    lines.push(JSON.stringify(g.answer));
    m.bytes += g.bytes.length;
    const bump = (rec: Record<string, number>, k: string) => (rec[k] = (rec[k] ?? 0) + 1);
    bump(m.byFormat, g.answer.format);
    bump(m.byEncoding, g.answer.encoding);
    bump(m.byRegime, g.answer.regime);
    if (g.answer.injected) m.injected++;
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  writeFileSync(join(dir, 'answers.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(manifestPath, JSON.stringify(m, null, 2));
  return m;
}

export function readAnswers(dir: string): Answer[] {
  return readFileSync(join(dir, 'answers.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Answer);
}
