import { describe, expect, it } from 'vitest';
import { UnstorableValueError, decodeStorable, encodeStorable } from './storable.codec.ts';

function hasNestedArray(v: unknown, inArray = false): boolean {
  if (Array.isArray(v)) return inArray || v.some((x) => hasNestedArray(x, true));
  if (v && typeof v === 'object') return Object.values(v).some((x) => hasNestedArray(x, false));
  return false;
}

describe('storable codec', () => {
  it.each([
    ['nested arrays (sentence offsets)', { sentences: [[0, 5], [5, 9]] }],
    ['deeply nested', { a: [[[1]], [[2, [3]]]] }],
    ['dotted and $ keys', { data: { 'requests.received.total': 9, $where: 'x' } }],
    ['plain document', { _id: 'abc', n: 1, s: '公开', list: [{ k: 'v' }], nil: null }],
  ])('round-trips %s and leaves nothing FerretDB rejects', (_name, doc) => {
    const enc = encodeStorable(doc);
    expect(hasNestedArray(enc)).toBe(false);
    expect(JSON.stringify(enc)).not.toMatch(/"[^"]*\.[^"]*":|"\$/);
    expect(decodeStorable(enc)).toEqual(doc);
  });

  it('refuses NaN and Infinity with the path of the bad value', () => {
    expect(() => encodeStorable({ metrics: [{ value: Number.NaN }] })).toThrow(UnstorableValueError);
    expect(() => encodeStorable({ metrics: [{ value: Infinity }] })).toThrow(/metrics\[0\]\.value/);
  });

  it('keeps dates and binary values untouched', () => {
    const d = new Date(0);
    const b = new Uint8Array([1, 2]);
    const enc = encodeStorable({ d, b }) as { d: Date; b: Uint8Array };
    expect(enc.d).toBe(d);
    expect(enc.b).toBe(b);
  });
});
