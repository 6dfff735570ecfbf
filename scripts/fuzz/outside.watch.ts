/**
 * Evidence that nothing outside the inbox and data folders is read or
 * written: a canary file outside (the target of a symlink in the inbox)
 * whose access time must not move (its atime is set before its mtime, so
 * under relatime any read updates it) and whose marker must appear in no
 * stored blob; and the open files of every pipeline process, sampled
 * throughout the run, all under allowed roots.
 */
import { readFileSync, readdirSync, readlinkSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Canary {
  path: string;
  marker: string;
  atimeMs: number;
}

export function plantCanary(dir: string): Canary {
  const marker = `CANARY-${process.pid}-${Date.now()}-政府信息公开工作年度报告`;
  const path = join(dir, 'canary-report.txt');
  writeFileSync(path, `${marker}\n主动公开政府信息100条。\n`);
  const past = new Date(Date.now() - 3600_000);
  utimesSync(path, past, new Date());
  return { path, marker, atimeMs: statSync(path).atimeMs };
}

export function canaryRead(c: Canary): boolean {
  return statSync(c.path).atimeMs !== c.atimeMs;
}

/** Files under `dir` (recursively) whose bytes contain the marker. */
export function filesContaining(dir: string, marker: string): string[] {
  const needle = Buffer.from(marker);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && statSync(p).size < 200 * 1024 * 1024 && readFileSync(p).includes(needle)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Open files of `pids` that are neither under `allowed` roots nor pipes, sockets and the like. */
export function openFilesOutside(pids: readonly number[], allowed: readonly string[]): string[] {
  const roots = [...allowed, '/dev/', '/proc/', '/sys/', '/usr/', '/lib', '/etc/', join(tmpdir(), 'tsx-')];
  const out: string[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    // 0-2 are the stdio the services inherit from whoever started the run
    for (const fd of fds.filter((d) => Number(d) > 2)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('/') || roots.some((r) => target.startsWith(r))) continue;
      out.push(`${pid}:${target}`);
    }
  }
  return out;
}
