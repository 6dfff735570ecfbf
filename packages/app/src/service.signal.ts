/**
 * What a supervised service tells `gongkai start` over the IPC channel the
 * supervisor opens to each child: that it is up (the ops service with the
 * URL it actually bound: port 0 resolved), or why it cannot start at all.
 * Outside the supervisor (no channel) these are no-ops.
 */
export type ServiceSignal =
  | { type: 'gongkai:ready'; url?: string }
  /** `retry: false`: starting again cannot help (a port in use); the supervisor gives up at once. */
  | { type: 'gongkai:fatal'; code: string; message: string; retry: boolean; port?: number; host?: string };

export function isServiceSignal(m: unknown): m is ServiceSignal {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'gongkai:ready' || t === 'gongkai:fatal';
}

function send(signal: ServiceSignal): Promise<void> {
  if (!process.send || !process.connected) return Promise.resolve();
  // delivered before the caller exits: process.exit right after send() may drop it
  return new Promise((resolve) => process.send!(signal, undefined, {}, () => resolve()));
}

export const signalReady = (extra: { url?: string } = {}): Promise<void> => send({ type: 'gongkai:ready', ...extra });
export const signalFatal = (fatal: Omit<Extract<ServiceSignal, { type: 'gongkai:fatal' }>, 'type'>): Promise<void> => send({ type: 'gongkai:fatal', ...fatal });
