import { STAGE_WORKER_MAIN, stageOfService } from '@gongkai/core';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Starts a service (ops, watcher, or a stage worker such as decoder) as its own process, the way the supervisor does. */
export function startService(name: string, env: Record<string, string>): ChildProcess & { output: () => string } {
  const stage = stageOfService(name);
  const child = fork(`${root}${stage ? STAGE_WORKER_MAIN : `services/${name}/src/main.ts`}`, stage ? [stage] : [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', tsx],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let buf = '';
  child.stdout?.on('data', (d) => (buf += d));
  child.stderr?.on('data', (d) => (buf += d));
  return Object.assign(child, { output: () => buf });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Waits until the service logs `msg` (pino JSON line). */
export async function logged(child: ChildProcess & { output: () => string }, msg: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.output().includes(`"msg":"${msg}"`)) return;
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}) before logging "${msg}":\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`service did not log "${msg}" within ${timeoutMs} ms:\n${child.output()}`);
}
