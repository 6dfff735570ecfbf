import { execFile } from 'node:child_process';

/** `ss -ltnpH`'s process column: users:(("node",pid=1234,fd=21)). */
export function parseSsHolder(line: string): { command: string; pid: number } | null {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
  return m ? { command: m[1]!, pid: Number(m[2]) } : null;
}

function ssHolder(port: number): Promise<{ command: string; pid: number } | null> {
  return new Promise((resolve) => {
    execFile('ss', ['-ltnpH', `sport = :${port}`], { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve(null); // no ss (macOS, minimal images): the probe below may still tell
      for (const line of stdout.split('\n')) {
        const h = parseSsHolder(line);
        if (h) return resolve(h);
      }
      resolve(null);
    });
  });
}

async function isGongkai(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    const body = (await r.json()) as { service?: unknown };
    return body.service === 'gongkai-ops';
  } catch {
    return false;
  }
}

/**
 * Who holds a listening port, as far as this machine tells: the process
 * (`ss`, when it may see it) and whether it is another gongkai (its
 * /healthz says so). Null when nothing is known.
 */
export async function describePortHolder(host: string, port: number): Promise<string | null> {
  const probeHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${probeHost}:${port}`;
  const [proc, gongkai] = await Promise.all([ssHolder(port), isGongkai(url)]);
  const who = proc ? `${proc.command}, pid ${proc.pid}` : null;
  if (gongkai) return `another gongkai (${who ? `${who}; ` : ''}its dashboard: ${url}/admin/queues)`;
  return who ? `process ${who}` : null;
}
