/**
 * The stage thread's boundary: earlier outputs the caller has as V8 bytes
 * (the handoff's) cross as a transferred copy of those bytes, not as a
 * structured clone of the objects, and the output comes back as the bytes
 * the thread serialized (handed on as they are) beside the object. Real
 * threads, the real segment and extract stages on a real report's text.
 */
import { STAGES } from '@gongkai/core';
import { StageRunner } from '@gongkai/pipeline';
import { runInProcess } from '@gongkai/stages';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { smallReportText } from '../helpers/fixtures.ts';

const runner = new StageRunner({ threads: 1, timeoutMs: 60_000, context: { decode: {} } });
afterAll(() => runner.close());

const text = smallReportText;

describe('stage runner: what crosses to the stage thread', () => {
  it('hands packed inputs over as bytes (the caller keeps its own) and returns the output with the bytes the thread made', async () => {
    const whole = await runInProcess({ name: 'r.txt', bytes: new TextEncoder().encode(text) });
    expect(STAGES).toContain('segment');
    const decodeBytes = serialize(whole.outputs.decode);
    const before = Buffer.from(decodeBytes);
    // the input without the decode object: the thread has only the bytes to go on
    const viaBytes = await runner.runTimed('segment', {} as never, { decode: decodeBytes });
    expect(viaBytes.output).toEqual(whole.outputs.segment);
    expect(deserialize(viaBytes.bytes)).toEqual(whole.outputs.segment);
    // a copy crossed: the caller's bytes are whole (the handoff's buffer is not detached)
    expect(decodeBytes.byteLength).toBe(before.byteLength);
    expect(Buffer.from(decodeBytes).equals(before)).toBe(true);
    // the object in the input is left out when its bytes go (one copy of it crosses, not two)
    const both = await runner.runTimed('extract', { decode: whole.outputs.decode, segment: { broken: true } } as never, { segment: serialize(whole.outputs.segment) });
    expect(both.output).toEqual(whole.outputs.extract);
  });

  it('without packed inputs, clones the input as before', async () => {
    const whole = await runInProcess({ name: 'r.txt', bytes: new TextEncoder().encode(text) });
    const r = await runner.runTimed('segment', { decode: whole.outputs.decode } as never);
    expect(r.output).toEqual(whole.outputs.segment);
    expect(deserialize(r.bytes)).toEqual(whole.outputs.segment);
  });
});
