/**
 * Runs one pass at a time: a call while a pass runs asks for exactly one
 * more pass after it (however many calls arrive), and resolves when the
 * passes it asked for are done. Errors are handed to `onError`; the next
 * request simply tries again.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (err: Error) => void,
    private readonly stopped: () => boolean,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Asks for a pass; returns the running (or new) one. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped());
      } catch (err) {
        this.onError(err as Error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves when the current pass (if any) is over. */
  async idle(): Promise<void> {
    await this.running;
  }
}
