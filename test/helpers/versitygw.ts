import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '@gongkai/config';
import { findVersitygw, freePort, spawnGuarded, type GuardedChild } from '@gongkai/embedded';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export interface S3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  client: S3Client;
  child: GuardedChild;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** A real S3 server (versitygw over a posix folder), never a mock. */
export async function startVersitygw(dir: string): Promise<S3Server> {
  const bin = findVersitygw(loadConfig({}).tools);
  const port = await freePort();
  const data = join(dir, 'data');
  const iam = join(dir, 'iam');
  mkdirSync(data, { recursive: true });
  mkdirSync(iam, { recursive: true });
  const accessKeyId = 'gongkaitest';
  const secretAccessKey = 'gongkai-test-secret-key';
  const child = spawnGuarded(bin, ['--port', `127.0.0.1:${port}`, '--iam-dir', iam, 'posix', data], {
    logFile: join(dir, 'versitygw.log'),
    env: { ...process.env, ROOT_ACCESS_KEY: accessKeyId, ROOT_SECRET_KEY: secretAccessKey },
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: '127.0.0.1', port }, () => (s.destroy(), r(true)));
      s.on('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > deadline || !child.running) throw new Error(`versitygw did not start; see ${join(dir, 'versitygw.log')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  return {
    endpoint, accessKeyId, secretAccessKey, client, child,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async stop() {
      client.destroy();
      await child.stop(5000);
    },
  };
}
