/**
 * Agency identity over the real corpus, read in place: every report of the
 * corpus gets one agencyKey per agency; no two agencies share a key; no agency
 * is split across keys. The expected agencies below were read from each
 * report's title (and, for the one rename, from the successor's text: see
 * packages/segment/src/meta/agency.renames.json), not from the code's output.
 */
import { decode } from '@gongkai/decode';
import { segment } from '@gongkai/segment';
import { SHARED_SKIP_REASON, realReportFiles, sharedAvailable } from '@gongkai/testkit';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ZONE = '平潭综合实验区管委会 (the zone\'s own reports)';
const COUNTY = '平潭县人民政府';

/** File name prefix → the agency its title names (a predecessor under its successor only where a rename is established). */
const EXPECTED: Record<string, string> = {
  // corpus/real/pingtan-gov-zwgk-archive: the zone 2011–2025, the county government 2011–2013, the local tax bureau
  '80678_': ZONE, '80734_': ZONE, '80759_': ZONE, '80791_': ZONE, '80445_': ZONE, '80485_': ZONE, '80506_': ZONE, '80529_': ZONE,
  '80576_': ZONE, '80595_': ZONE, '80613_': ZONE, '80629_': ZONE, '87885_': ZONE, '97791_': ZONE, '105587_': ZONE,
  '80716_': COUNTY, '80725_': COUNTY, '80754_': COUNTY,
  '80774_': '平潭综合实验区地方税务局',
  // corpus/real/pingtan-departments (17 sections)
  '80600_': '平潭综合实验区财政金融局', '80742_': '平潭县财政局',
  '80437_': '平潭综合实验区公安局', '80590_': '平潭综合实验区公安局', '80607_': '平潭综合实验区公安局',
  '80594_': '平潭综合实验区管委会办公室', '86761_': '平潭综合实验区管委会办公室', '80728_': '平潭县司法局',
  '106267_': '平潭综合实验区投资促进局', '80585_': '平潭综合实验区国有资产管理局',
  '80579_': '平潭综合实验区海坛片区管理局', '96894_': '平潭综合实验区海坛片区管理局',
  '80531_': '平潭综合实验区行政审批局', '80575_': '平潭综合实验区行政审批局', '80621_': '平潭综合实验区行政审批局',
  '80578_': '平潭综合实验区经济发展局', '80713_': '平潭综合实验区经济发展局', '86656_': '平潭综合实验区经济发展局',
  '80587_': '平潭综合实验区金井片区管理局', '96868_': '平潭综合实验区金井片区管理局',
  '80593_': '平潭综合实验区君山片区管理局', '80611_': '平潭综合实验区君山片区管理局',
  '104920_': '平潭综合实验区交通与建设局', '80580_': '平潭综合实验区交通与建设局', '80688_': '平潭县人防办',
  '80568_': '平潭综合实验区旅游与文化体育局', '97002_': '平潭综合实验区旅游与文化体育局',
  // 农村发展局 (2016) → 农业农村局 (2019): the 2019 report publishes the 农村发展局's 2019 budget and 2018 accounts as its own
  '80489_': '平潭综合实验区农业农村局', '80562_': '平潭综合实验区农业农村局', '80626_': '平潭综合实验区农业农村局',
  '80581_': '平潭综合实验区市场监督管理局', '97007_': '平潭综合实验区市场监督管理局', '80676_': '平潭县食品药品监督管理局',
  '80584_': '平潭综合实验区社会事业局', '80627_': '平潭综合实验区社会事业局', '80726_': '平潭县质监局',
  '80586_': '平潭综合实验区苏平片区管理局', '96685_': '平潭综合实验区苏平片区管理局',
  '104810_': '平潭综合实验区综合执法与应急管理局', '80566_': '平潭综合实验区综合执法与应急管理局', '80792_': '平潭综合实验区综合执法局',
  '80572_': '平潭综合实验区自然资源与生态环境局', '97050_': '平潭综合实验区自然资源与生态环境局', '80783_': '平潭综合实验区环境与国土资源局',
  // test/corpus/real (in the repo)
  '80500_': '平潭综合实验区社会事业局', '80687_': '平潭县劳动和社会保障局', '80721_': '平潭县教育局',
  // corpus/real/KIROGOVCOMPARE and govnianbao
  'hzq2023_': '淮安市洪泽区人民政府', 'hzq2024_': '淮安市洪泽区人民政府', 'szfgs2024': '淮安市人民政府',
};

const repoCorpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'real');

function files(): Array<{ name: string; path: string }> {
  const mine = readdirSync(repoCorpus).filter((n) => n.endsWith('.txt')).map((n) => ({ name: n, path: join(repoCorpus, n) }));
  return [...realReportFiles().map((f) => ({ name: f.name, path: f.path })), ...mine];
}

const expectedOf = (name: string): string | undefined => Object.entries(EXPECTED).find(([p]) => name.startsWith(p))?.[1];

describe.skipIf(!sharedAvailable)(`agency keys over the real corpus ${SHARED_SKIP_REASON}`, () => {
  it('one key per agency: every agency keyed, none split, none merged; a non-report gets none', async () => {
    const keyOf = new Map<string, string | null>();
    for (const f of files()) {
      const d = await decode({ bytes: new Uint8Array(readFileSync(f.path)), name: f.name });
      keyOf.set(f.name, segment({ decode: d }).meta.agencyKey ?? null);
    }
    const unknown = [...keyOf.keys()].filter((n) => !expectedOf(n) && !/模版|模板/.test(n));
    expect(unknown, 'a corpus file without an expected agency: read its title and add it').toEqual([]);
    expect(keyOf.get('政务公开年报模版.docx'), 'the blank template names no agency').toBeNull();

    const keysByAgency = new Map<string, Set<string | null>>();
    for (const [name, key] of keyOf) {
      const agency = expectedOf(name);
      if (!agency) continue;
      keysByAgency.set(agency, (keysByAgency.get(agency) ?? new Set()).add(key));
    }
    const split = [...keysByAgency].filter(([, keys]) => keys.size !== 1 || keys.has(null)).map(([a, keys]) => `${a}: ${[...keys].join(' | ')}`);
    expect(split, 'agencies with no key or several').toEqual([]);
    const agencyByKey = new Map<string, string[]>();
    for (const [agency, keys] of keysByAgency) for (const k of keys) agencyByKey.set(k!, [...(agencyByKey.get(k!) ?? []), agency]);
    const merged = [...agencyByKey].filter(([, agencies]) => agencies.length > 1).map(([k, a]) => `${k}: ${a.join(' + ')}`);
    expect(merged, 'keys shared by several agencies').toEqual([]);
    // 18 zone/county/bureau agencies of the archive, 17 sections' departments and their predecessors, 3 repo files, 2 Jiangsu governments
    expect(keysByAgency.size).toBe(new Set(Object.values(EXPECTED)).size);
  });
});
