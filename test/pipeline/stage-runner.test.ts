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

const runner = new StageRunner({ threads: 1, timeoutMs: 60_000, context: { decode: {} } });
afterAll(() => runner.close());

const text = [
  '某某县人民政府2018年政府信息公开工作年度报告',
  '一、概述',
  '2018年，我县主动公开政府信息3456条，其中规范性文件12件。',
  '二、依申请公开情况',
  '全年共受理政府信息公开申请87件，其中当面申请20件，网络申请67件。',
  '三、存在的问题和改进措施',
  '工作中还存在一些不足。',
].join('\n');

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
