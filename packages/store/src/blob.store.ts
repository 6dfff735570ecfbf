import { GridFSBucket, type Db } from 'mongodb';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Hashes and counts what flows through. */
function hashing(): { stream: Transform; digest: () => { id: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, digest: () => ({ id: hash.digest('hex'), size }) };
}

async function streamInto(source: Readable, sink: Writable): Promise<{ id: string; size: number }> {
  const h = hashing();
  await pipeline(source, h.stream, sink);
  return h.digest();
}

/**
 * Raw files, content-addressed by sha256, kept so a replay works after the
 * source file is gone.
 */
export interface BlobStore {
  /** Stores `bytes` under `id` unless already there. */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /**
   * Stores a stream without holding it in memory (large files, S3 bodies)
   * and returns its sha256 and size.
   */
  putStream(source: Readable): Promise<{ id: string; size: number }>;
  /** The bytes, or null when absent. */
  get(id: string): Promise<Uint8Array | null>;
  has(id: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkId(id: string): void {
  if (!SHA256.test(id)) throw new Error(`blob id must be a sha256 hex digest, got ${JSON.stringify(id)}`);
}

/** Files under GONGKAI_DATA/blobs/ab/abcdef…: the embedded default. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(id: string): string {
    checkId(id);
    return join(this.root, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const p = this.path(id);
    if (await this.has(id)) return;
    await mkdir(join(this.root, id.slice(0, 2)), { recursive: true });
    const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, p);
  }

  async putStream(source: Readable): Promise<{ id: string; size: number }> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      const { id, size } = await streamInto(source, createWriteStream(tmp));
      if (!(await this.has(id))) {
        await mkdir(join(this.root, id.slice(0, 2)), { recursive: true });
        await rename(tmp, this.path(id));
      }
      return { id, size };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(id: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(id)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async has(id: string): Promise<boolean> {
    try {
      await stat(this.path(id));
      return true;
    } catch {
      return false;
    }
  }
}

/** GridFS in the report database: for deployments where workers share no disk. */
export class GridFsBlobStore implements BlobStore {
  private readonly bucket: GridFSBucket;
  private readonly files;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: 'raw' });
    this.files = db.collection('raw.files');
  }

  async put(id: string, bytes: Uint8Array): Promise<void> {
    checkId(id);
    if (await this.has(id)) return;
    await new Promise<void>((resolve, reject) => {
      const up = this.bucket.openUploadStream(id, { metadata: { sha256: id } });
      up.once('error', reject);
      up.once('finish', () => resolve());
      up.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  }

  async putStream(source: Readable): Promise<{ id: string; size: number }> {
    const up = this.bucket.openUploadStream(`tmp-${randomBytes(8).toString('hex')}`);
    const { id, size } = await streamInto(source, up);
    if (await this.has(id)) await this.bucket.delete(up.id);
    else await this.bucket.rename(up.id, id);
    return { id, size };
  }

  async get(id: string): Promise<Uint8Array | null> {
    checkId(id);
    if (!(await this.has(id))) return null;
    const chunks: Buffer[] = [];
    for await (const c of this.bucket.openDownloadStreamByName(id)) chunks.push(c as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }

  async has(id: string): Promise<boolean> {
    checkId(id);
    return (await this.files.countDocuments({ filename: id }, { limit: 1 })) > 0;
  }
}
