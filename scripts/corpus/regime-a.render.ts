/**
 * A 2008-era narrative report (regime A): the five/six parts of 条例 Art. 32
 * in prose, with the phrasings real reports use (DOMAIN.md 3.1), and for some
 * reports the national 统计表 attached as a table. Figures are random but add
 * up, unless one inconsistency is injected on purpose.
 */
import { agencyIntro } from './bc.narrative.ts';
import { contactLine, filler, pickAgency } from './agencies.data.ts';
import type { CorpusDoc, DocBlock } from './corpus.types.ts';
import type { Rng } from './rng.ts';

/** received: a complete 其中 list short of its total; staff: parts larger than the total. */
type Injection = 'A_CHILD_SUM.received' | 'A_CHILD_LE.staff' | null;

export function renderRegimeA(rng: Rng, serial: number, inject: boolean): CorpusDoc {
  const agency = pickAgency(rng);
  const year = rng.int(2009, 2018);
  const self = agency.self;
  const metrics: Record<string, number> = {};
  const implied: Record<string, number> = {};
  const state = (key: string, v: number) => (metrics[key] = v);
  const injection: Injection = inject ? rng.pick(['A_CHILD_SUM.received', 'A_CHILD_LE.staff'] as const) : null;
  let injected: CorpusDoc['injected'] = null;

  const blocks: DocBlock[] = [{ kind: 'title', text: `${agency.name}${year}年政府信息公开工作年度报告` }];
  blocks.push({ kind: 'p', text: `${agencyIntro(agency.name, year, 'A')}本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。${contactLine(rng, agency, serial)}` });

  blocks.push({ kind: 'h', text: '一、概述' }, { kind: 'p', text: filler(rng, rng.int(2, 5)) });

  // 二、主动公开
  const proactive = rng.int(20, 8000);
  state('proactive.total', proactive);
  let p2 = `${year}年，${self}主动公开政府信息${proactive}条`;
  if (rng.chance(0.5)) {
    const normative = rng.int(0, Math.min(80, proactive));
    state('proactive.normative_docs', normative);
    p2 += `，其中主动公开规范性文件${normative}条`;
  }
  p2 += '。';
  if (rng.chance(0.6)) {
    const n = rng.int(0, 12);
    state('response.online_interviews', n);
    p2 += `全年${self}网站发布在线访谈${n}次。`;
  }
  if (rng.chance(0.5)) {
    const n = rng.int(1, 30);
    state('response.press_conferences', n);
    p2 += `组织召开新闻发布会${n}次。`;
  }
  blocks.push({ kind: 'h', text: '二、主动公开政府信息情况' }, { kind: 'p', text: p2 + filler(rng, rng.int(1, 3)) });

  // 三、依申请公开
  const received = rng.count(400, 0.25);
  let p3: string;
  if (received === 0) {
    state('requests.received.total', 0);
    p3 = `${year}年，${self}未收到政府信息公开申请。`;
  } else {
    state('requests.received.total', received);
    const channels = [
      ['online', '网上申请'], ['letter', '信函申请'], ['in_person', '当面申请'], ['fax', '传真申请'],
    ] as const;
    const used = channels.slice(0, rng.int(2, 4));
    const parts = rng.split(received, used.length);
    if (injection === 'A_CHILD_SUM.received') {
      const k = parts.findIndex((v) => v > 0);
      parts[k]! -= 1;
      injected = { rule: 'A_CHILD_SUM', detail: `received ${received} ≠ Σ channels ${parts.reduce((a, b) => a + b, 0)}` };
    }
    used.forEach(([k], i) => state(`requests.received.${k}`, parts[i] ?? 0));
    p3 = `${year}年，${self}共受理政府信息公开申请${received}件，其中${used.map(([, label], i) => `${label}${parts[i]}件`).join('，')}。`;
    const [granted, partial, refused, notExist] = rng.split(received, 4) as [number, number, number, number];
    state('requests.outcome.granted', granted);
    state('requests.outcome.partial', partial);
    state('requests.outcome.refused.total', refused);
    state('requests.outcome.not_exist', notExist);
    p3 += `在已答复的申请中，同意公开答复${granted}件，同意部分公开答复${partial}件，不同意公开答复${refused}件，申请信息不存在${notExist}件。`;
  }
  blocks.push({ kind: 'h', text: '三、依申请公开政府信息办理情况' }, { kind: 'p', text: p3 + filler(rng, 1) });

  // 四、收费
  state('fees.amount_wan_yuan', 0);
  blocks.push({ kind: 'h', text: '四、政府信息公开的收费及减免情况' }, { kind: 'p', text: `${year}年，${self}在政府信息公开工作中未收取任何费用，不涉及有关收费及减免情况。` });

  // 五、复议诉讼
  const review = rng.count(8, 0.6);
  const litigation = rng.count(5, 0.7);
  let p5: string;
  if (review === 0 && litigation === 0) {
    state('review.total', 0);
    state('litigation.total', 0);
    p5 = `${year}年，未发生因政府信息公开申请行政复议、提起行政诉讼的情况。`;
  } else {
    const [ru, rc, ro] = rng.split(review, 3) as [number, number, number];
    const [lu, lc, lo] = rng.split(litigation, 3) as [number, number, number];
    state('review.total', review);
    state('review.upheld', ru);
    state('review.corrected', rc);
    state('review.other', ro);
    state('litigation.total', litigation);
    state('litigation.upheld', lu);
    state('litigation.corrected', lc);
    state('litigation.other', lo);
    p5 = `${year}年，收到政府信息公开行政复议案件${review}件，其中维持具体行政行为${ru}件，依法纠错${rc}件，其他情形${ro}件；`
      + `行政诉讼案件${litigation}件，其中维持具体行政行为${lu}件，依法纠错${lc}件，其他情形${lo}件。`;
  }
  blocks.push({ kind: 'h', text: '五、因政府信息公开申请行政复议、提起行政诉讼的情况' }, { kind: 'p', text: p5 });

  // 六、问题与改进 (+ staff and training)
  const staff = rng.int(1, 40);
  const fulltime = rng.int(0, staff);
  let parttime = staff - fulltime;
  if (injection === 'A_CHILD_LE.staff') {
    parttime += 1;
    injected = { rule: 'A_CHILD_LE', detail: `staff ${staff} < ${fulltime} + ${parttime}` };
  }
  state('staff.total', staff);
  state('staff.fulltime', fulltime);
  state('staff.parttime', parttime);
  let p6 = `${self}从事政府信息公开工作人员${staff}人，其中专职人员${fulltime}人，兼职人员${parttime}人。`;
  if (rng.chance(0.6)) {
    const sessions = rng.int(1, 12);
    const trainees = rng.int(sessions * 5, sessions * 80);
    state('training.sessions', sessions);
    state('training.trainees', trainees);
    p6 += `全年举办各类培训班${sessions}次，接受培训人员${trainees}人次。`;
  }
  blocks.push({ kind: 'h', text: '六、存在的主要问题及改进措施' }, { kind: 'p', text: filler(rng, rng.int(2, 4)) }, { kind: 'p', text: p6 });

  if (rng.chance(0.3)) blocks.push(...statsTable(metrics));
  void implied;
  return { regime: 'A', year, agency: agency.name, blocks, metrics, implied, injected };
}

/** The national 统计表 (国办发〔2014〕32号 rows) with the values the narrative states. */
function statsTable(m: Record<string, number>): DocBlock[] {
  const rows: string[][] = [['统计指标', '单位', '统计数']];
  const row = (label: string, unit: string, key: string) => {
    const v = m[key];
    if (v !== undefined) rows.push([label, unit, String(v)]);
  };
  rows.push(['一、主动公开情况', '', '']);
  row('（一）主动公开政府信息数', '条', 'proactive.total');
  row('其中：主动公开规范性文件数', '条', 'proactive.normative_docs');
  rows.push(['三、依申请公开情况', '', '']);
  row('（一）收到申请数', '件', 'requests.received.total');
  row('1.当面申请数', '件', 'requests.received.in_person');
  row('2.传真申请数', '件', 'requests.received.fax');
  row('3.网络申请数', '件', 'requests.received.online');
  row('4.信函申请数', '件', 'requests.received.letter');
  row('四、行政复议数量', '件', 'review.total');
  row('五、行政诉讼数量', '件', 'litigation.total');
  row('七、依申请公开信息收取的费用', '万元', 'fees.amount_wan_yuan');
  row('（三）从事政府信息公开工作人员数', '人', 'staff.total');
  row('1.专职人员数', '人', 'staff.fulltime');
  row('2.兼职人员数', '人', 'staff.parttime');
  return [{ kind: 'p', text: '附件：政府信息公开情况统计表' }, { kind: 'table', rows }];
}
