import { BadInputError } from '@gongkai/core';
import { readShared, seedFiles, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { htmlCharsetHint } from '../../../../packages/decode/src/encoding/charset.label.ts';
import { decodeText } from '../../../../packages/decode/src/encoding/encoding.detect.ts';

const SAMPLE = '2017年，我区主动公开政府信息1763条，依申请公开办理情况良好。政府信息公开工作年度报告。';
const TRAD = '2017年，我縣政府網站共公開各類信息3651條，依申請公開辦理情況良好。政府信息公開工作年度報告。';

const encode = (text: string, enc: string, bom = false) => new Uint8Array(iconv.encode(text, enc, { addBOM: bom }));

describe('encoding detection', () => {
  it.each([
    ['utf-8', SAMPLE, encode(SAMPLE, 'utf-8'), 'utf-8'],
    ['utf-8 with BOM', SAMPLE, encode(SAMPLE, 'utf-8', true), 'utf-8'],
    ['utf-16le with BOM', SAMPLE, encode(SAMPLE, 'utf-16le', true), 'utf-16le'],
    ['utf-16le without BOM', SAMPLE, encode(SAMPLE, 'utf-16le'), 'utf-16le'],
    ['utf-16be with BOM', SAMPLE, encode(SAMPLE, 'utf-16be', true), 'utf-16be'],
    ['utf-16be without BOM', SAMPLE, encode(SAMPLE, 'utf-16be'), 'utf-16be'],
    ['utf-16le of Han only (no NUL bytes)', '政府信息公开工作年度报告', encode('政府信息公开工作年度报告', 'utf-16le'), 'utf-16le'],
    ['gbk (decoded as gb18030)', SAMPLE, encode(SAMPLE, 'gbk'), 'gb18030'],
    ['gb18030', SAMPLE, encode(SAMPLE, 'gb18030'), 'gb18030'],
    ['big5', TRAD, encode(TRAD, 'big5'), 'big5'],
  ])('%s', (_label, text, bytes, encoding) => {
    const d = decodeText(bytes, 'x.txt');
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('uses a declared charset when it reads well and ignores one that does not', () => {
    expect(decodeText(encode(SAMPLE, 'gbk'), 'x.html', 'gb18030').via).toBe('declared');
    const wrong = decodeText(encode(TRAD, 'big5'), 'x.html', 'gb18030');
    expect(wrong.encoding).toBe('big5');
    expect(wrong.text).toBe(TRAD);
  });

  it('reads <meta charset> and http-equiv hints', () => {
    const hint = (html: string) => htmlCharsetHint(new TextEncoder().encode(html));
    expect(hint('<meta charset="gb2312">')).toBe('gb18030');
    expect(hint('<meta http-equiv="Content-Type" content="text/html; charset=GBK">')).toBe('gb18030');
    expect(hint("<meta charset='big5'>")).toBe('big5');
    expect(hint('<meta charset="utf-8">')).toBe('utf-8');
    expect(hint('<p>no hint</p>')).toBeNull();
  });

  it('turns bytes that are no supported encoding into UNDECODABLE', () => {
    // valid GB18030 structure, but the characters it makes are not Chinese anyone writes
    const junk = new Uint8Array(4000).map((_, i) => (i % 2 === 0 ? 0x81 + ((i * 7) % 0x20) : 0x40 + ((i * 13) % 0x3f)));
    expect(() => decodeText(junk, 'junk.txt')).toThrow(BadInputError);
    try {
      decodeText(junk, 'junk.txt');
    } catch (e) {
      expect((e as BadInputError).code).toBe('UNDECODABLE');
      expect((e as Error).message).toContain('junk.txt');
    }
  });

  it('calls NUL-laden bytes that are not UTF-16 binary', () => {
    const bytes = new Uint8Array(2001).map((_, i) => (i % 3 === 0 ? 0 : 0xc8 + (i % 40)));
    expect(() => decodeText(bytes, 'data.txt')).toThrow(expect.objectContaining({ code: 'BINARY_FILE' }));
  });

  it.skipIf(!sharedAvailable)(`decodes every seed in every encoding to the same text ${SHARED_SKIP_REASON}`, () => {
    for (const f of seedFiles()) {
      const text = new TextDecoder().decode(readShared(f.rel));
      const encodings = f.name.startsWith('001_') ? ['gb18030', 'big5', 'utf-16le', 'utf-16be'] : ['gb18030', 'utf-16le', 'utf-16be'];
      for (const enc of encodings) {
        for (const bom of enc.startsWith('utf-16') ? [true, false] : [false]) {
          const d = decodeText(encode(text, enc, bom), f.name);
          expect({ file: f.name, enc, bom, same: d.text === text }).toEqual({ file: f.name, enc, bom, same: true });
          expect(d.encoding).toBe(enc);
        }
      }
    }
  });
});
