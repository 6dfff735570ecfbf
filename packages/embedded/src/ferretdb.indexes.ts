import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onPath } from './tools.ts';

const run = promisify(execFile);

export interface IdIndexResult {
  /** Collection tables seen. */
  tables: number;
  /** Indexes created by this call (0 when all were there). */
  created: number;
  /** Why nothing could be done (no sqlite3 shell), or null. */
  skipped: string | null;
}

/**
 * FerretDB 1.24's SQLite backend pushes a filter of exactly `{_id: <string>}`
 * down as `WHERE _ferretdb_sjson->'$._id' = ?`, but its own `_id` index is
 * on `_ferretdb_sjson->"_id"`. SQLite uses an expression index only for the
 * same expression, so every lookup and update by _id scanned the whole table
 * (measured: 23 ms per findOne at 2,000 reports of 30 KB, linear in the
 * collection's size; 1.2 ms with the index below). This adds, to every
 * collection table of every database under `dataDir`, an index on exactly
 * the pushed-down expression, through the sqlite3 shell (SQLite locks make
 * this safe while FerretDB runs; FerretDB waits on its busy timeout).
 * Idempotent: run it after creating collections, and again later for
 * collections created since.
 */
export async function indexFerretdbIds(dataDir: string, sqlite3: string | null = onPath('sqlite3')): Promise<IdIndexResult> {
  if (!sqlite3) return { tables: 0, created: 0, skipped: 'no sqlite3 shell on PATH (Debian package sqlite3)' };
  let files: string[];
  try {
    files = (await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'));
  } catch {
    return { tables: 0, created: 0, skipped: `no FerretDB data in ${dataDir}` };
  }
  let tables = 0;
  let created = 0;
  for (const f of files) {
    const db = join(dataDir, f);
    const sql = async (q: string) => (await run(sqlite3, ['-batch', '-cmd', '.timeout 10000', db, q], { timeout: 600_000 })).stdout;
    const names = (await sql('SELECT table_name FROM _ferretdb_collections;')).split('\n').filter((t) => /^[A-Za-z0-9_.-]+$/.test(t));
    const existing = new Set((await sql("SELECT name FROM sqlite_master WHERE type = 'index';")).split('\n'));
    tables += names.length;
    const missing = names.filter((t) => !existing.has(`${t}__id_path`));
    if (missing.length === 0) continue;
    await sql(missing.map((t) => `CREATE INDEX IF NOT EXISTS "${t}__id_path" ON "${t}" (_ferretdb_sjson->'$._id');`).join('\n'));
    created += missing.length;
  }
  return { tables, created, skipped: null };
}
