import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.redisUrl).toBeNull();
    expect(c.mongoUrl).toBeNull();
    expect(c.inbox).toBe('/srv/app/inbox');
    expect(c.dataDir).toBe('/srv/app/.gongkai');
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe('info');
    expect(c.source).toEqual({ kind: 'folder', path: '/srv/app/inbox' });
    expect(c.stages.decode).toEqual({ attempts: 5, concurrency: 2, threads: 2, backoffMs: 1000, timeoutMs: 120_000, options: {} });
    expect(c.stages.ocr).toMatchObject({ concurrency: 1, threads: 1, timeoutMs: 600_000, options: { maxPages: 200, maxPixels: 60_000_000, dpi: 300 } });
    expect(c.stages.validate).toMatchObject({ concurrency: 4, threads: 1 });
    expect(c.maxBytes).toBe(50 * 1024 * 1024);
    expect(c.handoff).toEqual({ ttlSec: 900, maxBytes: 2 * 1024 * 1024 });
    expect(c.gatherMs).toBe(0);
  });

  it('reads every documented variable', () => {
    const c = loadConfig(
      {
        REDIS_URL: 'redis://10.0.0.1:6380/2', MONGO_URL: 'mongodb://db:27017', GONGKAI_INBOX: '/in', GONGKAI_DATA: '/data',
        GONGKAI_PORT: '8080', LOG_LEVEL: 'debug', GONGKAI_EXTRACT_ATTEMPTS: '2', GONGKAI_SEGMENT_CONCURRENCY: '9',
        GONGKAI_SEGMENT_THREADS: '3', GONGKAI_HANDOFF_TTL_S: '0', GONGKAI_HANDOFF_MAX_BYTES: '65536', GONGKAI_OCR_MAX_PAGES: '12',
        GONGKAI_GATHER_MS: '250',
      },
      '/x',
    );
    expect(c).toMatchObject({
      redisUrl: 'redis://10.0.0.1:6380/2', mongoUrl: 'mongodb://db:27017', inbox: '/in', dataDir: '/data', port: 8080, logLevel: 'debug',
    });
    expect(c.stages.extract.attempts).toBe(2);
    expect(c.stages.segment.concurrency).toBe(9);
    expect(c.stages.segment.threads).toBe(3);
    expect(c.stages.ocr.options['maxPages']).toBe(12);
    expect(c.handoff).toEqual({ ttlSec: 0, maxBytes: 65536 });
    expect(c.gatherMs).toBe(250);
  });

  it('fails fast naming every bad key at once', () => {
    let err: unknown;
    try {
      loadConfig({ REDIS_URL: 'localhost:6379', GONGKAI_PORT: 'eighty', LOG_LEVEL: 'loud', MONGO_URL: 'postgres://x', GONGKAI_DECODE_ATTEMPTS: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(keys.sort()).toEqual(['GONGKAI_DECODE_ATTEMPTS', 'GONGKAI_PORT', 'LOG_LEVEL', 'MONGO_URL', 'REDIS_URL']);
    expect((err as Error).message).toContain('REDIS_URL');
  });

  it('parses an S3 source and requires its endpoint', () => {
    expect(() => loadConfig({ GONGKAI_SOURCE: 's3://reports/in/2017' })).toThrow(/S3_ENDPOINT/);
    const c = loadConfig({ GONGKAI_SOURCE: 's3://reports/in/2017', S3_ENDPOINT: 'http://127.0.0.1:7070' });
    expect(c.source).toEqual({ kind: 's3', bucket: 'reports', prefix: 'in/2017' });
  });

  it('never echoes a rejected secret in its error: a too-short token shows its length only, a bad URL no password', () => {
    let err: unknown;
    try {
      loadConfig({ GONGKAI_ADMIN_TOKEN: 'short', GONGKAI_VIEWER_TOKEN: 'tiny-secret', REDIS_URL: 'ftp://u:pw-hunter2@r:6379' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toMatch(/GONGKAI_ADMIN_TOKEN: at least 16 characters \(got 5 character\(s\), not shown\)/);
    for (const secret of ['short', 'tiny-secret', 'pw-hunter2']) expect(message).not.toContain(secret);
    expect(message).toContain('ftp://u:***@r:6379');
  });

  it('redacts secrets and URL passwords in the copy it logs', () => {
    const c = loadConfig({ REDIS_URL: 'redis://:hunter2@r:6379', GONGKAI_ADMIN_TOKEN: 'a'.repeat(20), S3_SECRET_ACCESS_KEY: 'shh' });
    const r = JSON.stringify(redactConfig(c));
    expect(r).not.toContain('hunter2');
    expect(r).not.toContain('a'.repeat(20));
    expect(r).not.toContain('shh');
  });

  it.each([
    // [env, publicRead, metricsPublic]
    [{}, true, true],
    [{ GONGKAI_HOST: '0.0.0.0' }, false, true],
    [{ GONGKAI_HOST: '::1' }, true, true],
    [{ GONGKAI_HOST: '127.0.0.2' }, true, true],
    [{ GONGKAI_HOST: '10.1.2.3', GONGKAI_PUBLIC_READ: 'yes' }, true, true],
    [{ GONGKAI_PUBLIC_READ: 'off', GONGKAI_METRICS_PUBLIC: 'FALSE' }, false, false],
  ])('derives the ops access from %j', (env, publicRead, metricsPublic) => {
    const c = loadConfig(env);
    expect(c.auth.publicRead).toBe(publicRead);
    expect(c.auth.metricsPublic).toBe(metricsPublic);
  });

  it('rejects a flag that is not a boolean', () => {
    expect(() => loadConfig({ GONGKAI_PUBLIC_READ: 'maybe' })).toThrow(/GONGKAI_PUBLIC_READ/);
  });
});
