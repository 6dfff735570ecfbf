import { connect } from 'node:net';

/** Sends `probe` (if any) to 127.0.0.1:port and resolves with the first reply, or rejects. */
function tcpProbe(port: number, probe: string | null, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port });
    const done = (err: Error | null, data = '') => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(data);
    };
    const timer = setTimeout(() => done(new Error('probe timed out')), timeoutMs);
    sock.once('error', (e) => done(e));
    sock.once('connect', () => {
      if (probe === null) done(null, '');
      else sock.write(probe);
    });
    sock.once('data', (d) => done(null, d.toString('utf8')));
  });
}

/**
 * Polls until the server on `port` answers (`expect` matches its reply to
 * `probe`, or just accepts a connection when probe is null), the child
 * exits, or the deadline passes.
 */
export async function waitForServer(opts: {
  port: number;
  probe: string | null;
  expect?: RegExp;
  timeoutMs: number;
  isRunning: () => boolean;
  what: string;
  logFile: string;
}): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!opts.isRunning()) throw new Error(`${opts.what} exited during start-up; see ${opts.logFile}`);
    try {
      const reply = await tcpProbe(opts.port, opts.probe, 1000);
      if (!opts.expect || opts.expect.test(reply)) return;
      last = reply.trim();
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${opts.what} did not become ready on port ${opts.port} within ${opts.timeoutMs} ms (last: ${last}); see ${opts.logFile}`);
}
