import type { NextFunction, Request, Response } from 'express';
import { homedir, tmpdir } from 'node:os';

/**
 * What the API shows a reader who is not the admin: no stack traces and no
 * absolute paths (they tell an anonymous reader how the server is laid out:
 * user names, install folder, data folder). The admin sees everything.
 */

/** Keys dropped from every answer to a non-admin (`stacktrace`: Bull Board's jobs, emptied rather than dropped, its UI maps over it). */
const HIDDEN_KEYS = new Set(['stack']);
const EMPTIED_KEYS = new Set(['stacktrace']);

/**
 * An absolute path: `file://` URIs, anything under the server's own folders,
 * and POSIX paths under the usual top-level folders (a bare `/api/replay` in
 * a hint is a route, not a path, and stays). Windows drive paths too.
 */
function pathPattern(roots: readonly string[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const known = [...new Set(roots.filter((r) => r.length > 1))].sort((a, b) => b.length - a.length).map(esc);
  const tops = '(?:home|root|tmp|var|usr|opt|srv|mnt|media|work|data|app|etc|private|Users|Volumes|run|proc|nix)';
  return new RegExp(
    [
      'file:\\/\\/[^\\s"\'<>)]*',
      ...(known.length ? [`(?:${known.join('|')})(?:\\/[^\\s"'<>):]*)?`] : []),
      `(?<![\\w.~-])\\/${tops}(?:\\/[^\\s"'<>):]*)+`,
      '\\b[A-Za-z]:\\\\[^\\s"\'<>)]*',
    ].join('|'),
    'g',
  );
}

/** `value` with stack traces dropped and absolute paths replaced by their last part (`…/image.txt`). */
export function redactForReader<T>(value: T, roots: readonly string[] = [process.cwd(), homedir(), tmpdir()]): T {
  const pattern = pathPattern(roots);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (p) => `…/${p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? ''}`);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).filter(([k]) => !HIDDEN_KEYS.has(k)).map(([k, x]) => [k, EMPTIED_KEYS.has(k) ? [] : walk(x)]),
      );
    }
    return v;
  };
  return walk(value) as T;
}

/** Express middleware: every JSON answer to a request that is not the admin's goes through `redactForReader`. */
export function redactForReaders(roots: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.role === 'admin' && !req.anonymous) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(redactForReader(body, roots));
    next();
  };
}
