import { describe, expect, it } from 'vitest';
import { parseSsHolder } from './port.holder.ts';

describe('parseSsHolder', () => {
  it('reads the process of an `ss -ltnpH` line', () => {
    expect(parseSsHolder('LISTEN 0      511        127.0.0.1:3917      0.0.0.0:*    users:(("node",pid=2516,fd=23))')).toEqual({ command: 'node', pid: 2516 });
  });
  it('is null when ss may not show the process (another user\'s socket)', () => {
    expect(parseSsHolder('LISTEN 0      511        127.0.0.1:3917      0.0.0.0:*')).toBeNull();
  });
});
