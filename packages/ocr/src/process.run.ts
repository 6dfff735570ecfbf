/**
 * Runs an external tool (tesseract, pdftoppm, pdfinfo) with its input on
 * stdin and its output collected from stdout, killed when the deadline
 * passes or the signal aborts, so no page can run past the stage's timeout.
 */
import { spawn } from 'node:child_process';
import { TransientError } from '@gongkai/core';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  input?: Uint8Array;
  /** Absolute time (ms since epoch) after which the process is killed. */
  deadline: number;
  signal?: AbortSignal | undefined;
  env?: Record<string, string>;
  /** Largest stdout accepted (a runaway tool is killed past it). */
  maxOutput?: number;
}

/** Where Debian and most distributions put the tools; the process environment is config's to read, not ours. */
const SEARCH_PATH = '/usr/local/bin:/usr/bin:/bin';

export function runTool(cmd: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const maxOutput = options.maxOutput ?? 512 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const left = options.deadline - Date.now();
    if (left <= 0) return reject(new TransientError('TIMEOUT', `${cmd}: the OCR time budget ran out before it started`));
    if (options.signal?.aborted) return reject(new TransientError('TIMEOUT', `${cmd}: aborted`));
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: SEARCH_PATH, LANG: 'C.UTF-8', ...options.env } });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let killedFor: string | null = null;
    const kill = (why: string) => {
      if (killedFor) return;
      killedFor = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`timed out after ${left} ms`), left);
    const onAbort = () => kill('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxOutput) kill(`wrote more than ${maxOutput} bytes`);
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 8192) err += d.toString('utf8');
    });
    child.stdin.on('error', () => {}); // a tool that exits early closes stdin under us: its exit code tells
    child.on('error', (e) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (killedFor) return reject(new TransientError('TIMEOUT', `${cmd} ${killedFor}`));
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    if (options.input) child.stdin.end(options.input);
    else child.stdin.end();
  });
}
