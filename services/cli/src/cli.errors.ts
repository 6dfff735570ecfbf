import { StartUpError } from '@gongkai/app';
import { DataDirInUseError } from '@gongkai/embedded';
import { ReplayRefusedError } from '@gongkai/pipeline';
import { ReportRefError } from '@gongkai/store';
import { UsageError } from './cli.io.ts';

/** How the CLI reports a failure: one line, whether it is the operator's to fix (exit 2), and a hint. */
export interface Failure {
  message: string;
  /** Fixed by asking differently: exit 2 and a usage hint; otherwise exit 1. */
  usage: boolean;
  hint?: string;
  /** The message is the whole story (the stack would show only where it was noticed). */
  complete?: boolean;
}

/**
 * Every error a command can end with, as one line. Usage errors: bad flags
 * (node's parseArgs), missing files, ids that name no report or several, a
 * replay refused, a data folder held by another process. Anything else is a
 * failure of ours: its first line, the stack only with --debug.
 */
export function failureOf(e: unknown): Failure {
  if (e instanceof UsageError) return { message: e.message, usage: true, ...(e.hint ? { hint: e.hint } : {}) };
  if (e instanceof ReportRefError) return { message: e.message, usage: true };
  if (e instanceof ReplayRefusedError) return { message: e.message, usage: true, hint: e.reason === 'permanent' ? 'see: gongkai status (recent failures)' : 'see: gongkai status' };
  if (e instanceof StartUpError) {
    return e.usage ? { message: e.message, usage: true, hint: e.hint ?? 'e.g. GONGKAI_PORT=0 npm start (any free port)' } : { message: e.message, usage: false, complete: true };
  }
  if (e instanceof DataDirInUseError) {
    return { message: e.message, usage: true, hint: `another gongkai (pid ${e.holder}) owns this data folder: stop it, or set GONGKAI_DATA to another folder` };
  }
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) return { message: `unknown option ${unknown[1]}`, usage: true };
    const positional = /Unexpected argument '([^']+)'/.exec(message);
    if (positional) return { message: `unexpected argument ${positional[1]}`, usage: true };
    return { message: firstSentence(message), usage: true };
  }
  const path = (e as { path?: unknown } | null)?.path;
  if ((code === 'ENOENT' || code === 'ENOTDIR') && typeof path === 'string') return { message: `no such file or folder: ${path}`, usage: true };
  if (code === 'EACCES' && typeof path === 'string') return { message: `permission denied: ${path}`, usage: true };
  if (code === 'EISDIR' && typeof path === 'string') return { message: `is a folder, not a file: ${path}`, usage: true };
  return { message: message.split('\n')[0] || String(e), usage: false };
}

const firstSentence = (m: string) => m.split(/(?<=\.)\s/)[0]!.replace(/\.$/, '');
