import { describe, expect, it } from 'vitest';
import { peerHost } from './healthcheck.ts';

describe('peerHost', () => {
  it.each([
    ['10.0.0.5:51234', '10.0.0.5'],
    ['127.0.0.1:6379', '127.0.0.1'],
    ['[::1]:51234', '::1'],
    ['::1:51234', '::1'],
    ['[::ffff:172.18.0.4]:40000', '172.18.0.4'],
    ['fd00::12:40000', 'fd00::12'],
  ])('%s → %s', (addr, host) => {
    expect(peerHost(addr)).toBe(host);
  });
});
