/**
 * A gold file → the report as a document model: its title, the six section
 * headings of the 2019/2021 forms (seven when the 2024+ table 五 is there),
 * prose without figures (so every figure read comes from a table) and the
 * tables laid out as the national forms print them.
 */
import type { GoldFile } from '@gongkai/testkit';
import { goldCells } from './gold.cells.ts';
import { t2Table, t3Table, t4Table, t5Table, type FormVariant } from './forms.layout.ts';
import type { ModelBlock, ReportModel } from './grid.types.ts';

/** The 2019 form (regime B) or the 2021 form (C); the 2019 表二 columns decide when the regime does not. */
export function formVariant(gold: GoldFile): FormVariant {
  if (gold.regime === 'B') return '2019';
  if (gold.regime === 'C') return '2021';
  const keys = [...gold.metrics.map((m) => m.key), ...Object.keys(gold.cells ?? {})];
  return keys.some((k) => /^t2\.\w+\.(made|published|public_total|prev_items|delta|projects|amount)$/u.test(k)) ? '2019' : '2021';
}

function titleOf(gold: GoldFile): string {
  if (gold.meta.title) return gold.meta.title;
  const agency = gold.meta.agency?.[0] ?? '某某局';
  const year = gold.meta.year ?? Number(/(20\d\d)年/u.exec(gold.file)?.[1] ?? 2022);
  return `${agency}${year}年度政府信息公开工作年度报告`;
}

/**
 * The sub-heads of 一、总体情况 with prose that states no figure (so every
 * figure read comes from a table), long enough that 表三 runs over a page
 * break in the PDF, as it does in real reports.
 */
const OVERVIEW: ReadonlyArray<readonly [string, string]> = [
  ['（一）主动公开', '围绕重点领域信息公开要求，及时通过门户网站、政务新媒体等渠道发布政策文件、规划计划、财政预决算、行政执法等信息，做好政策解读和回应关切，确保信息发布准确、及时、规范。'],
  ['（二）依申请公开', '严格按照条例规定的程序和时限受理、办理政府信息公开申请，规范答复文书格式，加强与申请人的沟通，依法保障人民群众的知情权、参与权、表达权和监督权。'],
  ['（三）政府信息管理', '建立健全政府信息公开发布审查机制，落实“三审三校”制度，动态更新政府信息公开指南和目录，对已公开的行政规范性文件进行清理并标注有效性。'],
  ['（四）平台建设', '持续优化政府网站信息公开专栏建设，完善栏目设置，提升检索和浏览体验，加强政务新媒体管理，推动政务公开平台与政务服务平台融合发展。'],
  ['（五）监督保障', '将政府信息公开工作纳入年度绩效考核内容，加强业务培训和日常督导，及时发现和整改存在的问题，本年度未发生因政府信息公开工作引发的责任追究情况。'],
];

export function reportModel(gold: GoldFile): ReportModel {
  const g = goldCells(gold);
  const variant = formVariant(gold);
  const title = titleOf(gold);
  const t2 = t2Table(g, variant);
  const t3 = t3Table(g);
  const t4 = t4Table(g);
  const t5 = t5Table(g);
  const blocks: ModelBlock[] = [
    { kind: 'title', text: title },
    { kind: 'p', text: '根据《中华人民共和国政府信息公开条例》规定，现公布本机关政府信息公开工作年度报告。本报告中所列数据的统计期限自当年1月1日起至12月31日止。' },
    { kind: 'h', text: '一、总体情况' },
    { kind: 'p', text: '本机关认真贯彻落实政府信息公开工作要求，坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。' },
    ...OVERVIEW.flatMap(([h, p]) => [{ kind: 'p' as const, text: h }, { kind: 'p' as const, text: p }]),
    { kind: 'h', text: '二、主动公开政府信息情况' },
    ...(t2 ? [{ kind: 'table' as const, table: t2 }] : []),
    { kind: 'h', text: '三、收到和处理政府信息公开申请情况' },
    ...(t3 ? [{ kind: 'table' as const, table: t3 }] : []),
    { kind: 'h', text: '四、政府信息公开行政复议、行政诉讼情况' },
    ...(t4 ? [{ kind: 'table' as const, table: t4 }] : []),
    ...(t5 ? [{ kind: 'h' as const, text: '五、信息处理费收取情况' }, { kind: 'table' as const, table: t5 }] : []),
    { kind: 'h', text: t5 ? '六、存在的主要问题及改进情况' : '五、存在的主要问题及改进情况' },
    { kind: 'p', text: '政府信息公开工作仍存在公开内容不够全面、解读形式较为单一等问题。下一步将加强业务培训，提升公开质量。' },
    { kind: 'h', text: t5 ? '七、其他需要报告的事项' : '六、其他需要报告的事项' },
    { kind: 'p', text: '无其他需要报告的事项。' },
  ];
  return { title, blocks };
}
