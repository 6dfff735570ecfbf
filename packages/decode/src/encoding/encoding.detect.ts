import { BadInputError } from '@gongkai/core';
import iconv from 'iconv-lite';
import type { TextEncoding } from './charset.label.ts';
import { plausibility } from './plausibility.ts';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** 0..1: how sure the detector is. */
  confidence: number;
  /** How the encoding was found, for the record. */
  via: 'bom' | 'utf-8' | 'utf-16' | 'declared' | 'scored';
  warnings: string[];
}

/** Bytes sampled for statistics; detection never reads more than this. */
const SAMPLE = 65_536;

const decoders = new Map<string, InstanceType<typeof TextDecoder>>();
function strict(encoding: TextEncoding): InstanceType<typeof TextDecoder> {
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    decoders.set(encoding, d);
  }
  return d;
}

/**
 * Big5 goes through iconv-lite, whose Big5 is Big5-HKSCS with real Unicode
 * targets (Node's TextDecoder maps HKSCS characters such as the pinyin
 * letters ā/ǎ to private-use code points); the rest through TextDecoder.
 */
function decodeLoose(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'big5') return iconv.decode(bytes as Buffer, 'big5');
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function tryDecode(bytes: Uint8Array, encoding: TextEncoding): string | null {
  if (encoding === 'big5') {
    const text = decodeLoose(bytes, encoding);
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return strict(encoding).decode(bytes);
  } catch {
    return null;
  }
}

function bomOf(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Share of 16-bit units (read as LE or BE) that are plausible in Chinese text: ASCII, CJK, CJK punctuation, full-width forms. */
function utf16Plausibility(bytes: Uint8Array, littleEndian: boolean): number {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n === 0) return 0;
  let good = 0;
  for (let i = 0; i < n; i += 2) {
    const u = littleEndian ? (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) : ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if ((u >= 0x20 && u < 0x7f) || u === 0x0a || u === 0x0d || u === 0x09) good++;
    else if ((u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3000 && u <= 0x303f) || (u >= 0xff00 && u <= 0xffef) || (u >= 0x2010 && u <= 0x2027)) good++;
  }
  return good / (n / 2);
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SAMPLE).includes(0);
}

/** UTF-16 without a BOM: the byte order whose units look like Chinese text, if one clearly does. */
function guessUtf16(bytes: Uint8Array): { encoding: TextEncoding; confidence: number } | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const le = utf16Plausibility(bytes, true);
  const be = utf16Plausibility(bytes, false);
  const best = Math.max(le, be);
  if (best < 0.9) return null;
  return { encoding: le >= be ? 'utf-16le' : 'utf-16be', confidence: Math.round(best * 100) / 100 };
}

interface LegacyScore {
  encoding: TextEncoding;
  confidence: number;
  /** The winner's reading of the sample (the whole file when it fits in the sample). */
  sample: string;
}

/** GB18030 or Big5, chosen by how many common characters each reading of a sample yields. */
function scoreLegacy(bytes: Uint8Array): LegacyScore {
  const sample = bytes.subarray(0, SAMPLE);
  const read = (encoding: TextEncoding) => {
    const text = decodeLoose(sample, encoding);
    const p = plausibility(text);
    return { encoding, text, score: p.commonRatio - 5 * p.junkRatio };
  };
  const gb = read('gb18030');
  const big5 = read('big5');
  const [best, other] = gb.score >= big5.score ? [gb, big5] : [big5, gb];
  const margin = Math.max(0, best.score) / (Math.max(0, best.score) + Math.max(0, other.score) || 1);
  return { encoding: best.encoding, confidence: Math.round(Math.min(0.99, margin) * 100) / 100, sample: best.text };
}

/** Decodes with `encoding`, tolerating a few bad bytes (counted in a warning); null when too many are bad. */
function decodeLenient(bytes: Uint8Array, encoding: TextEncoding, warnings: string[]): string | null {
  const exact = tryDecode(bytes, encoding);
  if (exact !== null) return exact;
  const text = decodeLoose(bytes, encoding);
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) bad++;
  if (bad > Math.max(2, text.length / 1000)) return null;
  warnings.push(`${bad} byte sequence(s) are not valid ${encoding} and were replaced by U+FFFD`);
  return text;
}

/** Not UTF-8: UTF-16 of pure Chinese (no NUL bytes), the declared charset when it reads well, else GB18030 vs Big5. */
function decodeLegacy(bytes: Uint8Array, declared: TextEncoding | null): DecodedText | null {
  const utf16 = guessUtf16(bytes);
  if (utf16) {
    const warnings: string[] = [];
    const text = decodeLenient(bytes, utf16.encoding, warnings);
    if (text !== null) return { text, ...utf16, via: 'utf-16', warnings };
  }
  if (declared && declared !== 'utf-8') {
    const warnings: string[] = [];
    const text = decodeLenient(bytes, declared, warnings);
    if (text !== null && looksRight(text)) return { text, encoding: declared, confidence: 0.95, via: 'declared', warnings };
  }
  const { encoding, confidence, sample } = scoreLegacy(bytes);
  const warnings: string[] = [];
  // a small file was decoded whole while scoring: reuse it when it is clean
  const whole = bytes.length <= SAMPLE && !sample.includes('\ufffd');
  const text = whole ? sample : decodeLenient(bytes, encoding, warnings);
  return text === null ? null : { text, encoding, confidence, via: 'scored', warnings };
}

/**
 * Finds the encoding of a text file and decodes it: a BOM, then UTF-16
 * without a BOM, then strict UTF-8, then the page's declared charset, then
 * GB18030 vs Big5 by character statistics. The cheap exact checks come
 * first; statistics only run on legacy encodings, over a 64 KB sample.
 * Throws BadInputError (UNDECODABLE / BINARY_FILE) instead of returning garbage.
 */
export function decodeText(bytes: Uint8Array, name: string, declared: TextEncoding | null = null): DecodedText {
  let result: DecodedText | null = null;
  const bom = bomOf(bytes);
  if (bom) {
    const warnings: string[] = [];
    const text = decodeLenient(bytes.subarray(bom.length), bom.encoding, warnings);
    if (text !== null) result = { text, encoding: bom.encoding, confidence: 1, via: 'bom', warnings };
  } else if (hasNul(bytes)) {
    const utf16 = guessUtf16(bytes);
    if (!utf16) throw new BadInputError('BINARY_FILE', `${name} contains NUL bytes: it is binary data, not a text document`);
    const warnings: string[] = [];
    const text = decodeLenient(bytes, utf16.encoding, warnings);
    if (text !== null) result = { text, ...utf16, via: 'utf-16', warnings };
  } else {
    const utf8 = tryDecode(bytes, 'utf-8');
    result = utf8 !== null ? { text: utf8, encoding: 'utf-8', confidence: 1, via: 'utf-8', warnings: [] } : decodeLegacy(bytes, declared);
  }
  if (!result) throw new BadInputError('UNDECODABLE', `${name} is not valid text in UTF-8, UTF-16, GB18030 or Big5`);
  assertPlausible(result, name);
  return result;
}

function looksRight(text: string): boolean {
  const p = plausibility(text);
  return p.junkRatio < 0.01 && (p.han < 20 || p.commonRatio >= 0.25);
}

/** Mis-decoding is the worst silent failure: implausible output becomes a permanent error. */
function assertPlausible(result: DecodedText, name: string): void {
  const p = plausibility(result.text);
  if (p.junkRatio > 0.02) {
    throw new BadInputError(
      'UNDECODABLE',
      `${name} decodes as ${result.encoding} into ${(p.junkRatio * 100).toFixed(1)}% unusable characters (control, private-use or replacement characters): the encoding is unknown or the file is damaged`,
    );
  }
  if (p.han >= 20 && p.commonRatio < 0.15) {
    throw new BadInputError(
      'UNDECODABLE',
      `${name} decodes as ${result.encoding} into implausible Chinese (only ${(p.commonRatio * 100).toFixed(0)}% common characters): probably a wrong or unsupported encoding`,
    );
  }
}
