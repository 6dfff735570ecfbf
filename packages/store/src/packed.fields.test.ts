import { describe, expect, it } from 'vitest';
import { PACKED_FIELDS, packFields, unpackFields } from './packed.fields.ts';
import { decodeStorable, encodeStorable } from './storable.codec.ts';

describe('packed fields', () => {
  const fields = {
    text: '主动公开政府信息1763条',
    offsetMap: [[0, 0], [5, 7]],
    mentions: [{ key: 'proactive.total', value: 1763, evidence: { quote: '主动公开政府信息1763条', start: 0, end: 13 } }],
    paragraphs: [{ start: 0, end: 13, sentences: [[0, 13]] }],
    metrics: [{ key: 'proactive.total', value: 1763 }],
  };

  it('stores each packed field as one string and gives the same values back', () => {
    const stored = packFields(encodeStorable(fields) as Record<string, unknown>);
    for (const k of ['offsetMap', 'mentions', 'paragraphs'] as const) {
      expect(Object.values(stored[k] as object)).toEqual([expect.any(String)]);
    }
    expect(stored['metrics']).toEqual(fields.metrics);
    expect(stored['text']).toBe(fields.text);
    expect(decodeStorable(unpackFields(stored))).toEqual(fields);
  });

  it('leaves documents written before packing, and unknown objects, as they are', () => {
    const old = encodeStorable(fields) as Record<string, unknown>;
    expect(unpackFields(old)).toBe(old);
    const lookalike = { mentions: { __json: '[]', other: 1 } };
    expect(unpackFields(lookalike)).toBe(lookalike);
  });

  it('never packs a contract field that consumers query', () => {
    for (const k of ['meta', 'sections', 'tables', 'metrics', 'findings', 'status', 'text']) expect(PACKED_FIELDS).not.toContain(k);
  });
});
