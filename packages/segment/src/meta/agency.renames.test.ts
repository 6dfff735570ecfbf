import { parseAgencyRenames, type DecodeResult } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { segment } from '../segment.stage.ts';
import { detectAgency } from './agency.detect.ts';
import { BUNDLED_RENAMES, renamedKey } from './agency.renames.ts';

const decoded = (text: string): { decode: DecodeResult } => ({
  decode: { decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] }, text, pageMeta: {}, offsetMap: [] },
});

describe('agency renames', () => {
  it('the bundled list parses, and every entry quotes what establishes it', () => {
    expect(BUNDLED_RENAMES.length).toBeGreaterThan(0);
    for (const r of BUNDLED_RENAMES) expect(r.evidence, r.from).toMatch(/报告/);
  });

  it('follows chains and stops at a cycle', () => {
    const list = [{ from: 'x:a', to: 'x:b' }, { from: 'x:b', to: 'x:c' }, { from: 'x:c', to: 'x:a' }];
    expect(renamedKey('x:a', list.slice(0, 2))).toBe('x:c');
    expect(renamedKey('x:a', list)).toBe('x:c');
    expect(renamedKey('x:z', list)).toBe('x:z');
  });

  it('refuses entries that are not keys', () => {
    expect(() => parseAgencyRenames({ renames: [{ from: '农村发展局', to: '农业农村局' }] }, 'f.json')).toThrow(/f\.json\[0\]/);
    expect(() => parseAgencyRenames({ list: [] })).toThrow(/expected/);
    expect(parseAgencyRenames([{ from: 'a:b', to: 'a:c', since: 2019 }])).toEqual([{ from: 'a:b', to: 'a:c', since: 2019 }]);
  });

  it('a predecessor named in its own report is keyed under its successor; the name stays as written', () => {
    const old = segment(decoded('平潭综合实验区农村发展局2016年度政府信息公开年度报告\n我局认真贯彻《条例》。'));
    const now = segment(decoded('平潭综合实验区农业农村局2019年政府信息公开工作年度报告\n我局认真贯彻《条例》。'));
    expect(old.meta.agency).toBe('平潭综合实验区农村发展局');
    expect(old.meta.agencyKey).toBe(now.meta.agencyKey);
  });

  it('user renames extend the bundled ones', () => {
    const text = '平潭县财政局2012年政府信息公开年度报告\n我局认真贯彻《条例》。';
    const plain = segment(decoded(text)).meta.agencyKey;
    const to = '福建省/福州市/平潭县:综合实验区财政金融局';
    expect(plain).not.toBe(to);
    expect(segment(decoded(text), { renames: [{ from: plain!, to }] }).meta.agencyKey).toBe(to);
  });

  it('an agency whose place is unknown gets no key (one of many 兴华乡), a nationwide body does', () => {
    expect(detectAgency('兴华乡人民政府认真贯彻《条例》。', '兴华乡2010年政府信息公开报告', undefined)).toMatchObject({ agency: '兴华乡人民政府', agencyKey: null });
    expect(detectAgency('本报告由中国证券监督管理委员会福建监管局编制。', null, undefined).agencyKey).toBe(':中国证券监督管理委员会福建监管局');
  });
});
