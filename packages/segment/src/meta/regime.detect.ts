/**
 * The regime, decided by what the report contains (DOMAIN.md section 0),
 * never by its year: C when anything is in the 2021 format (表二's 本年制发件数,
 * 表三's （六） sub-rows, 国办公开办函〔2021〕30号), B when the 2019 format shows
 * (表三/表二 of 国办公开办函〔2019〕60号, the revised 条例's six sections),
 * A otherwise. When nothing at all shows (no table, no marker: a page with
 * the title alone), the reporting year is the only evidence left, and it can
 * rule A out: a report on 2019 or later was due under the revised 条例, so
 * its form is B (2019–2020) or C (2021 on) — see {@link settleByYear}.
 */
import type { Regime, ReportTable } from '@gongkai/core';

export interface RegimeResult {
  regime: Regime;
  evidence: string[];
}

const C_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/国办公开办函\s*〔\s*2021\s*〕\s*30\s*号/, '国办公开办函〔2021〕30号'],
  [/本年制发件数|现行有效件数/, '表二 本年制发件数/现行有效件数'],
  [/逾期不补正/, '表三 （六）其他处理 sub-rows'],
];
const B_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/国办公开办函\s*〔\s*2019\s*〕\s*60\s*号/, '国办公开办函〔2019〕60号'],
  [/本年新收政府信息公开申请数量/, '表三 本年新收政府信息公开申请数量'],
  [/本年新制作数量|第二十条第\s*[（(]\s*[一五六八九]\s*[）)]\s*项/, '表二 第二十条'],
  [/收到和处理政府信息公开申请(?:的)?情况/, 'section 收到和处理政府信息公开申请情况'],
  [/国务院令第\s*711\s*号|国令第\s*711\s*号/, '国务院令第711号'],
];

export function detectRegime(text: string, tables: readonly ReportTable[]): RegimeResult {
  const evidence: string[] = [];
  for (const t of tables) {
    if ((t.kind === 't2' || t.kind === 't3') && t.variant === '2021') evidence.push(`${t.kind === 't2' ? '表二' : '表三'} 2021 variant`);
  }
  for (const [re, what] of C_TEXT) if (re.test(text)) evidence.push(what);
  if (evidence.length > 0) return { regime: 'C', evidence: [...new Set(evidence)] };
  for (const t of tables) if (t.kind !== 'stats') evidence.push(`${t.kind === 't2' ? '表二' : t.kind === 't3' ? '表三' : '表四'} 2019 variant`);
  for (const [re, what] of B_TEXT) if (re.test(text)) evidence.push(what);
  if (evidence.length > 0) return { regime: 'B', evidence: [...new Set(evidence)] };
  const stats = tables.find((t) => t.kind === 'stats');
  return { regime: 'A', evidence: stats ? ['统计表 (2008 form)'] : [NO_EVIDENCE] };
}

const NO_EVIDENCE = 'no uniform tables or 2019+ markers';

/**
 * The regime of a report whose content shows no form at all, by its
 * reporting year (DOMAIN.md section 0: 2019–2020 reports use the 2019 form,
 * 2021+ the 2021 form). Content evidence always wins: a 2019 report with the
 * old 统计表 stays A (transition years are messy); only the bare fallback is
 * settled here, and an unknown or pre-2019 year leaves it A.
 */
export function settleByYear(found: RegimeResult, year: number | null): RegimeResult {
  if (found.regime !== 'A' || found.evidence.join() !== NO_EVIDENCE || year === null || year < 2019) return found;
  return { regime: year >= 2021 ? 'C' : 'B', evidence: [`no form in the content; reporting year ${year}`] };
}
