import { BSON, GridFSBucket, type Db } from 'mongodb';

/** Marker left in the report document where a field was moved out. */
export interface SpillRef {
  __spill: string;
  bytes: number;
}

export const isSpillRef = (v: unknown): v is SpillRef =>
  typeof v === 'object' && v !== null && typeof (v as SpillRef).__spill === 'string' && Object.keys(v).length === 2;

/**
 * Keeps report documents far below BSON's 16 MB limit: when a stage's output
 * is large (a 12 MB text file gives ~10 MB of text plus its offset map),
 * its biggest top-level fields are stored as GridFS files and replaced by a
 * reference; reads put them back. Small reports never touch GridFS.
 */
export class SpillStore {
  private readonly bucket: GridFSBucket;

  constructor(
    db: Db,
    /** Fields are moved out until the update is below this. @defaultValue 4 MiB */
    private readonly budgetBytes = 4 * 1024 * 1024,
    /** Fields smaller than this stay in the document. @defaultValue 64 KiB */
    private readonly minFieldBytes = 64 * 1024,
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: 'spill' });
  }

  /** Moves the largest fields of `fields` (already encoded for storage) out while the whole is over budget. */
  async spill(reportId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const sizes = Object.entries(fields).map(([k, v]) => [k, v === undefined ? 0 : BSON.calculateObjectSize({ v })] as const);
    let total = sizes.reduce((a, [, n]) => a + n, 0);
    if (total <= this.budgetBytes) return fields;
    const out = { ...fields };
    for (const [key, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
      if (total <= this.budgetBytes || size < this.minFieldBytes) break;
      const name = `${reportId}/${key}`;
      // JSON, not BSON.serialize: the latter silently stops at its 17 MiB buffer
      const bytes = Buffer.from(JSON.stringify(fields[key]), 'utf8');
      await this.write(name, bytes);
      out[key] = { __spill: name, bytes: bytes.length } satisfies SpillRef;
      total -= size;
    }
    return out;
  }

  private async write(name: string, bytes: Uint8Array): Promise<void> {
    const old = await this.bucket.find({ filename: name }).toArray();
    await new Promise<void>((resolve, reject) => {
      const up = this.bucket.openUploadStream(name);
      up.once('error', reject);
      up.once('finish', () => resolve());
      up.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    for (const f of old) await this.bucket.delete(f._id).catch(() => {});
  }

  /** Puts spilled top-level fields of a stored document back in place. */
  async restore<T extends Record<string, unknown>>(doc: T): Promise<T> {
    const refs = Object.entries(doc).filter(([, v]) => isSpillRef(v));
    if (refs.length === 0) return doc;
    const out: Record<string, unknown> = { ...doc };
    for (const [key, ref] of refs) {
      const chunks: Buffer[] = [];
      for await (const c of this.bucket.openDownloadStreamByName((ref as SpillRef).__spill)) chunks.push(c as Buffer);
      out[key] = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    return out as T;
  }
}
