import { BadInputError } from '@gongkai/core';
import { inflateRawSync } from 'node:zlib';

/** Largest inflated size of one part of a .docx, and of all of them together. */
export interface ZipLimits {
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round(n / MB)} MB`;
export const DOCX_LIMITS: ZipLimits = { maxEntryBytes: 64 * MB, maxTotalBytes: 256 * MB };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a ZIP package before a ZIP library inflates it whole: every entry's
 * declared size within the limits, and every entry inflating to no more than
 * it declares (inflated with a cap, so a zip bomb whose header lies is
 * stopped after `declared` bytes, not after gigabytes). Damage that leaves
 * the package unreadable is left to the reader, which names it; what this
 * throws is a BadInputError naming the entry.
 */
export function checkZipBounds(bytes: Uint8Array, name: string, limits: ZipLimits = DOCX_LIMITS): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return;
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const entry = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (declared > limits.maxEntryBytes) {
      throw new BadInputError('OVERSIZE', `${name}: part ${entry} of the Word package is ${mb(declared)} uncompressed (limit ${mb(limits.maxEntryBytes)})`);
    }
    total += declared;
    if (total > limits.maxTotalBytes) {
      throw new BadInputError('OVERSIZE', `${name}: the Word package is over ${mb(limits.maxTotalBytes)} uncompressed`);
    }
    if (method !== 8 || local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, Math.min(buf.length, start + compressed));
    let inflated: number;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(declared, 1) }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // damaged data: the reader says so
      inflated = Infinity;
    }
    if (inflated > declared) {
      throw new BadInputError(
        'CORRUPT_FILE',
        `${name}: part ${entry} of the Word package inflates to more than the ${declared} bytes it declares (a zip bomb or a damaged file)`,
      );
    }
  }
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}
