import type { IntakeResult } from '@gongkai/pipeline';
import type { Logger } from '@gongkai/runtime';
import { createReadStream, watch, type FSWatcher } from 'node:fs';
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable } from 'node:stream';
import { CoalescedRun } from './coalesced.run.ts';
import { failureFields } from './failure.fields.ts';
import { isIgnoredName } from './ignore.rules.ts';

export interface FolderSourceDeps {
  /** Takes a stable file in; throws on infrastructure failure (the file is retried at the next scan). */
  ingest(file: { body: Readable; name: string; uri: string }): Promise<IntakeResult>;
  /** Whether this exact file version was taken in before (survives restarts). */
  seen(key: string): Promise<boolean>;
  markSeen(key: string, reportId: string): Promise<void>;
  log: Logger;
}

export interface FolderSourceOptions {
  root: string;
  /** Full rescan interval; fs.watch events in the top folder trigger earlier checks. @defaultValue 1000 */
  pollMs: number;
  /** A file is complete once its size and mtime stay the same this long. @defaultValue 500 */
  stableMs: number;
  /** Files taken in at once. @defaultValue 4 */
  parallel?: number;
}

interface Candidate {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * Watches a folder and its sub-folders: files present at start-up and files
 * that appear later (fs.watch on the top folder, a full listing every poll).
 * A file is taken in once its size and mtime are stable (or at once when it
 * was renamed in complete); hidden and temporary files are
 * ignored, symlinks are never followed (nothing outside the inbox is read).
 * A file version (path, size, mtime) already taken in is skipped without
 * reading it; new versions are deduplicated by content hash at intake.
 */
export class FolderSource {
  private readonly candidates = new Map<string, Candidate>();
  private readonly done = new Set<string>();
  private readonly inFlight = new Set<string>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly runs = new CoalescedRun(
    () => this.pass(),
    (err) => this.deps.log.warn({ err: err.message }, 'scan failed'),
    () => this.stopped,
  );
  private stopped = false;
  private rootReal = '';
  private warnedSymlinks = new Set<string>();
  /** Files taken in since start (new content or duplicates). */
  readonly stats = { ingested: 0, duplicates: 0, errors: 0, skippedSeen: 0 };
  /** When the last listing ended and what it cost. */
  private lastList = { at: 0, ms: 0 };
  private pace: { timer: NodeJS.Timeout; resolve: () => void } | null = null;

  constructor(
    private readonly deps: FolderSourceDeps,
    private readonly opts: FolderSourceOptions,
  ) {}

  async start(): Promise<void> {
    await mkdir(this.opts.root, { recursive: true });
    this.rootReal = await realpath(this.opts.root);
    try {
      // the top folder only: Node 20's recursive watch on Linux walks the whole tree on every
      // event (measured: 21 s of CPU for 500 new files beside 20,000 old ones; with 100,000 in
      // the inbox the watcher never got past the drop). Sub-folders are found by the poll.
      this.watcher = watch(this.rootReal, { recursive: false }, () => this.requestScan());
      this.watcher.on('error', (err) => this.deps.log.warn({ err: err.message }, 'fs.watch failed; polling only'));
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, 'fs.watch unavailable; polling only');
    }
    await this.scan();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.scan().finally(() => this.schedule()), this.opts.pollMs);
    this.timer.unref?.();
  }

  private requestScan(): void {
    if (!this.stopped) void this.runs.request();
  }

  /** One pass: list, check stability, take in the stable ones. Resolves when the pass is done. */
  scan(): Promise<void> {
    return this.runs.request();
  }

  /**
   * Listing is a readdir and an lstat of every file, taken in or not: in an
   * inbox that keeps 100,000 processed files that is a second of CPU, and
   * polls and watch events would ask for it back to back. A listing waits
   * until the last one is 9 of its own durations old: at most ~10% of a core
   * on listing, a longer wait for new files only in a huge inbox.
   */
  private async paced(): Promise<void> {
    const wait = Math.min(this.lastList.at + 9 * this.lastList.ms - Date.now(), 60_000);
    if (wait <= 0 || this.stopped) return;
    await new Promise<void>((resolve) => {
      this.pace = { timer: setTimeout(resolve, wait), resolve };
    });
    this.pace = null;
  }

  private async pass(): Promise<void> {
    await this.paced();
    if (this.stopped) return;
    const t0 = performance.now();
    const files = await this.list(this.rootReal);
    this.lastList = { at: Date.now(), ms: performance.now() - t0 };
    const now = Date.now();
    const ready: Array<{ path: string; key: string; size: number }> = [];
    for (const { path, size, mtimeMs } of files) {
      const key = `file:${path}:${size}:${Math.trunc(mtimeMs)}`;
      if (this.done.has(key) || this.inFlight.has(key)) continue;
      const c = this.candidates.get(path);
      if (!c || c.size !== size || c.mtimeMs !== mtimeMs) {
        this.candidates.set(path, { size, mtimeMs, since: now });
        // a file renamed in complete is stable at once when it is old enough
        if (now - mtimeMs < this.opts.stableMs) continue;
      } else if (now - c.since < this.opts.stableMs && now - mtimeMs < this.opts.stableMs) {
        continue;
      }
      ready.push({ path, key, size });
    }
    const parallel = this.opts.parallel ?? 4;
    for (let i = 0; i < ready.length && !this.stopped; i += parallel) {
      await Promise.all(ready.slice(i, i + parallel).map((f) => this.take(f)));
    }
    // files still settling are looked at again as soon as they can be stable
    if (this.candidates.size > 0 && !this.stopped) setTimeout(() => this.requestScan(), this.opts.stableMs + 10).unref?.();
  }

  private async take(f: { path: string; key: string; size: number }): Promise<void> {
    this.inFlight.add(f.key);
    try {
      if (await this.deps.seen(f.key)) {
        this.stats.skippedSeen++;
      } else {
        const name = relative(this.rootReal, f.path).split(sep).join('/');
        const res = await this.deps.ingest({ body: createReadStream(f.path), name, uri: pathToFileURL(f.path).href });
        await this.deps.markSeen(f.key, res.reportId);
        if (res.created) this.stats.ingested++;
        else this.stats.duplicates++;
      }
      this.done.add(f.key);
      this.candidates.delete(f.path);
    } catch (err) {
      this.stats.errors++;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') this.candidates.delete(f.path); // gone before we read it
      else this.deps.log.warn({ path: f.path, ...failureFields(err) }, 'intake failed; will retry at the next scan');
    } finally {
      this.inFlight.delete(f.key);
    }
  }

  private async list(dir: string): Promise<Array<{ path: string; size: number; mtimeMs: number }>> {
    const out: Array<{ path: string; size: number; mtimeMs: number }> = [];
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (isIgnoredName(p)) continue;
      if (e.isSymbolicLink()) {
        if (!this.warnedSymlinks.has(p)) {
          this.warnedSymlinks.add(p);
          this.deps.log.warn({ path: p }, 'symlink in the inbox ignored (links are never followed)');
        }
        continue;
      }
      if (e.isDirectory()) out.push(...(await this.list(p)));
      else if (e.isFile()) {
        try {
          const st = await lstat(p);
          out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          /* vanished */
        }
      }
    }
    return out;
  }

  /** Stops watching; an intake in progress finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pace) {
      clearTimeout(this.pace.timer);
      this.pace.resolve();
    }
    this.watcher?.close();
    await this.runs.idle();
  }
}
