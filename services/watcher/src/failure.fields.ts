/**
 * What a log line says of a failed intake: the message, and enough to tell
 * where it came from — the error's class and the first frames of its stack.
 * (The 5,000 soak of the ninth session had a watcher fail every intake with
 * the same "connection 3 … closed" for seven minutes after a FerretDB
 * restart, until a kill -9 restarted it; the message alone could not say
 * which call kept failing.)
 */
export function failureFields(err: unknown): { err: string; errClass?: string; errAt?: string } {
  if (!(err instanceof Error)) return { err: String(err) };
  const frames = (err.stack ?? '').split('\n').slice(1, 7).map((l) => l.trim()).join(' < ');
  return { err: err.message, errClass: err.constructor.name, ...(frames ? { errAt: frames } : {}) };
}
