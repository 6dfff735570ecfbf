import { describe, expect, it } from 'vitest';
import { formatRate, progress } from './cli.io.ts';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
};

describe('progress', () => {
  it('on a terminal, the last tick ends its line even when end() is never called', () => {
    const s = sink(true);
    const bar = progress('ingest', 3, { stream: s });
    for (const n of [1, 2, 3]) bar.tick(n);
    expect(s.text().endsWith('\n')).toBe(true);
    bar.end(); // and end() after it adds no blank line
    expect(s.text().endsWith('\n\n')).toBe(false);
  });
  it('end() closes a line left open mid-way, once', () => {
    const s = sink(true);
    const bar = progress('export', 10, { stream: s });
    bar.tick(4);
    bar.end();
    bar.end();
    expect(s.text().match(/\n/g)).toHaveLength(1);
  });
  it('off a terminal every line ends with a newline and carries no trailing blank', () => {
    const s = sink(false);
    const bar = progress('replay', 2, { stream: s });
    bar.tick(1);
    bar.tick(2);
    const lines = s.text().split('\n');
    expect(lines.at(-1)).toBe('');
    for (const l of lines.slice(0, -1)) expect(l).toBe(l.trimEnd());
  });
  it('rate: false leaves the rate out (a dry run)', () => {
    const s = sink(false);
    const bar = progress('replay (dry run)', 1, { stream: s, rate: false });
    bar.tick(1);
    expect(s.text()).toBe('replay (dry run): 1/1 (100%)\n');
  });
});

describe('formatRate', () => {
  it.each<[number, string]>([
    [0.25, '0.3/s'],
    [4, '4.0/s'],
    [12.4, '12/s'],
    [999, '999/s'],
    [9000, '9k/s'],
    [125_000, '125k/s'],
    [Number.POSITIVE_INFINITY, '?/s'],
  ])('%d → %s', (n, s) => {
    expect(formatRate(n)).toBe(s);
  });
});
