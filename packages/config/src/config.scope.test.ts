import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { OPS_SERVER_KEYS, envFor } from './config.scope.ts';

describe('per-command configuration', () => {
  it('a command without a server ignores a bad GONGKAI_PORT; one with a server still refuses it', () => {
    const env = { GONGKAI_PORT: 'abc', GONGKAI_ADMIN_TOKEN: 'short', GONGKAI_DB: 'x' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const c = loadConfig(envFor(env, OPS_SERVER_KEYS));
    expect(c.mongoDb).toBe('x');
    expect(c.port).toBe(3000);
  });
  it('keeps every other key, bad ones included', () => {
    expect(() => loadConfig(envFor({ REDIS_URL: 'localhost', GONGKAI_PORT: 'abc' }, OPS_SERVER_KEYS))).toThrow(/REDIS_URL/);
  });
});
