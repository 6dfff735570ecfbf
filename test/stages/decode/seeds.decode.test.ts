import { readShared, seedFiles, sharedGoldFor, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode } from '../../../packages/decode/src/decode.stage.ts';
import { detectScript } from '../../../packages/decode/src/normalize/script.detect.ts';
import { HEADING_START } from '../../../packages/decode/src/normalize/lines.structure.ts';
import { htmlPage } from '../../../packages/decode/test/fixtures.build.ts';
import { originalOffset } from '../../../packages/decode/src/text/tracked-text.ts';

/** The gold comparison: NFKC, no whitespace, no punctuation. */
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

const seeds = sharedAvailable ? seedFiles() : [];
const decodeSeed = async (rel: string, name: string) => decode({ bytes: readShared(rel), name });

describe.skipIf(!sharedAvailable)(`the five seeds ${SHARED_SKIP_REASON}`, () => {
  it.each(seeds.map((f) => [f.name, f.rel]))('%s: clean simplified text holding every gold quote and number', async (name, rel) => {
    const r = await decodeSeed(rel, name);
    const gold = sharedGoldFor(rel);
    expect(gold).not.toBeNull();
    // no pinyin annotations, no traditional characters, no tabs in plain text
    expect(r.text).not.toMatch(/[\p{Script=Han}][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/u);
    expect(detectScript(r.text).traditional).toBe(0);
    // simplified input is never run through the converter
    expect(r.decode.converted).toBe(r.decode.script !== 'simplified');
    expect(r.text).not.toContain('\t');
    // every quote (fragments around …) is in the text; every number of a quote is a whole number there
    const haystack = squash(r.text);
    const quotes = [...(gold?.metrics ?? []).map((m) => m.quote), ...(gold?.breakdowns ?? []).map((b) => b.quote)];
    for (const quote of quotes) {
      for (const fragment of quote.split('…').map(squash).filter(Boolean)) expect(haystack).toContain(fragment);
      for (const n of quote.normalize('NFKC').match(/\d+(?:\.\d+)?/g) ?? []) expect(r.text).toMatch(new RegExp(`(?<![\\d.])${n}(?![\\d.]\\d)`));
    }
    // the gold section headings start lines of their own
    for (const s of gold?.sections ?? []) expect(r.text.split('\n').some((l) => l.startsWith(`${s.number}、`))).toBe(true);
  });

  it.each(seeds.map((f) => [f.name, f.rel]))('%s: no line is broken mid-sentence', async (name, rel) => {
    const lines = (await decodeSeed(rel, name)).text.split('\n');
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      if (next === undefined) return;
      // a line that stops without punctuation is a heading, a title, a date or an addressee, never a long sentence
      const stopsMidSentence = !/[。！？；：:;!?”）)]$/.test(line) && line.length > 40 && !HEADING_START.test(line);
      expect({ line, stopsMidSentence }).toEqual({ line, stopsMidSentence: false });
    });
  });

  it('repairs the breaks the seeds are known for', async () => {
    const text = (await decodeSeed('seeds/003_be2064997976a753.txt', '003.txt')).text;
    expect(text).toContain('进一步加强组织领导，规范政府信息公开行为');
    expect(text).toContain('不予公开政府信息范围');
    expect(text).toContain('加强业务人员对政府信息公开政策标准界定');
    expect(text).toContain('湛河区2017年政府信息公开工作年度报告');
    expect((await decodeSeed('seeds/002_f161bfdcdc1967a9.txt', '002.txt')).text).toContain('我区一是建立健全了主动公开和依申请公开制度。需社会公众参与知晓的事项');
  });

  it('reports the facts of seed 001 (traditional, 304 pinyin annotations) and moves seed 004 chrome into pageMeta', async () => {
    const r1 = await decodeSeed('seeds/001_19ce7dd9c5815b16.txt', '001.txt');
    expect(r1.decode).toMatchObject({ format: 'txt', encoding: 'utf-8', script: 'traditional', converted: true, pinyinRemoved: 304 });
    const r4 = await decodeSeed('seeds/004_0475dbc9ae30ac9e.txt', '004.txt');
    expect(r4.pageMeta).toEqual({ publishedAt: '2018-02-28T13:20', source: '河南省交通运输厅', title: '河南省交通运输厅2017年政府信息公开工作年度报告' });
    expect(r4.text).not.toMatch(/当前位置|发布日期|文章来源|点击下载/);
    expect(r4.text.split('\n')[1]).toBe('省人民政府办公厅:');
  });

  it.each(seeds.map((f) => [f.name, f.rel]))('%s: offsets point back at the same characters of the original', async (name, rel) => {
    const original = new TextDecoder().decode(readShared(rel));
    const r = await decodeSeed(rel, name);
    let checked = 0;
    for (let i = 0; i < r.text.length; i++) {
      const ch = r.text[i] ?? '';
      // digits and ASCII letters are never changed by any step: they must map onto themselves
      if (!/[0-9A-Za-z]/.test(ch)) continue;
      expect(original[originalOffset(r.offsetMap, i)]).toBe(ch);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

/** The seed re-encoded every way the issue names. */
function variants(name: string, text: string): Array<[string, Uint8Array, string]> {
  const enc = (t: string, e: string, bom = false) => new Uint8Array(iconv.encode(t, e, { addBOM: bom }));
  const out: Array<[string, Uint8Array, string]> = [
    ['GB18030', enc(text, 'gb18030'), 'x.txt'],
    ['UTF-16LE with BOM', enc(text, 'utf-16le', true), 'x.txt'],
    ['UTF-16LE without BOM', enc(text, 'utf-16le'), 'x.txt'],
    ['UTF-8 with BOM', enc(text, 'utf-8', true), 'x.txt'],
    ['HTML, GB18030, <meta charset="gb2312">', enc(htmlPage(text, 'gb2312'), 'gb18030'), 'x.html'],
    ['HTML, UTF-8, <meta charset="utf-8">', enc(htmlPage(text, 'utf-8'), 'utf-8'), 'x.html'],
  ];
  if (name.startsWith('001_')) {
    out.push(['Big5', enc(text, 'big5'), 'x.txt'], ['HTML, Big5, <meta charset="big5">', enc(htmlPage(text, 'big5'), 'big5'), 'x.htm']);
  }
  return out;
}

describe.skipIf(!sharedAvailable)(`round trips: every encoding and an HTML wrapper give the same text ${SHARED_SKIP_REASON}`, () => {
  it.each(seeds.map((f) => [f.name, f.rel]))('%s', async (name, rel) => {
    const reference = await decodeSeed(rel, name);
    const text = new TextDecoder().decode(readShared(rel));
    for (const [label, bytes, file] of variants(name, text)) {
      const r = await decode({ bytes, name: file });
      expect({ label, same: r.text === reference.text }).toEqual({ label, same: true });
      expect({ label, pinyin: r.decode.pinyinRemoved, script: r.decode.script }).toEqual({
        label,
        pinyin: reference.decode.pinyinRemoved,
        script: reference.decode.script,
      });
    }
  });
});
