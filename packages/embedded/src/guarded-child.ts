import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/**
 * A POSIX sh wrapper that runs the real server and kills it when our stdin
 * pipe closes. Node cannot set PR_SET_PDEATHSIG, so this is how a server we
 * start dies with us even when we are killed with SIGKILL: the kernel closes
 * our end of the pipe, `read` returns, the watchdog sends SIGTERM.
 */
const WATCHDOG = `
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null ) &
watchdog=$!
wait "$child"; status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$watchdog" 2>/dev/null
exit $status
`;

export interface GuardedChild {
  readonly pid: number;
  readonly exited: Promise<number | null>;
  readonly running: boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `command` in its own process group (so a terminal's Ctrl-C reaches
 * only us and we decide the shutdown order), logging to `logFile`, and tied
 * to our lifetime by the watchdog above.
 */
export function spawnGuarded(command: string, args: readonly string[], options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv }): GuardedChild {
  const fd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', WATCHDOG, 'gongkai-watchdog', command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    });
    child.once('error', () => {
      running = false;
      resolve(null);
    });
  });
  // keep the pipe open but never let it hold our event loop
  child.stdin?.on('error', () => {});
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return {
    get pid() {
      return child.pid ?? -1;
    },
    exited,
    get running() {
      return running;
    },
    async stop(graceMs = 10_000) {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (running && child.pid) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
