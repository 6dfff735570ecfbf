import type { Logger } from 'pino';

export interface Stoppable {
  name: string;
  stop(): Promise<void> | void;
}

/**
 * Ordered, idempotent shutdown with a deadline. Resources are stopped in the
 * reverse order they were registered (workers before connections before the
 * embedded servers); past the deadline the process exits non-zero.
 */
export class Lifecycle {
  private readonly stack: Stoppable[] = [];
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly log: Logger,
    private readonly deadlineMs: number,
  ) {}

  /** Registers something to stop at shutdown; returns it for chaining. */
  add<T extends Stoppable>(resource: T): T {
    this.stack.push(resource);
    return resource;
  }

  /** Adds a stop function under a name. */
  defer(name: string, stop: () => Promise<void> | void): void {
    this.stack.push({ name, stop });
  }

  get isStopping(): boolean {
    return this.stopping !== null;
  }

  stop(reason: string): Promise<void> {
    if (this.stopping) return this.stopping;
    this.log.info({ reason, deadlineMs: this.deadlineMs }, 'shutting down');
    const timer = setTimeout(() => {
      this.log.error({ deadlineMs: this.deadlineMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, this.deadlineMs);
    timer.unref();
    this.stopping = (async () => {
      while (this.stack.length > 0) {
        const r = this.stack.pop()!;
        const t0 = performance.now();
        try {
          await r.stop();
          this.log.debug({ resource: r.name, ms: Math.round(performance.now() - t0) }, 'stopped');
        } catch (err) {
          this.log.warn({ resource: r.name, err }, 'stop failed');
        }
      }
      clearTimeout(timer);
    })();
    return this.stopping;
  }

  /**
   * SIGINT/SIGTERM (and the supervisor's IPC channel closing) start the
   * shutdown; a second signal exits at once.
   */
  installSignalHandlers(onStopped: (code: number) => void = (code) => process.exit(code)): void {
    let signals = 0;
    const handler = (reason: string) => {
      signals++;
      if (signals > 1 && reason !== 'disconnect') {
        this.log.warn({ reason }, 'second signal: exiting now');
        process.exit(130);
      }
      void this.stop(reason).then(() => onStopped(0));
    };
    process.on('SIGINT', () => handler('SIGINT'));
    process.on('SIGTERM', () => handler('SIGTERM'));
    if (process.send) process.on('disconnect', () => handler('disconnect'));
  }
}
