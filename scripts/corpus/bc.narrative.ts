/** Opening sentences of a report, per regime (the legal basis they cite). */
import type { Regime } from '@gongkai/core';

export function agencyIntro(agency: string, year: number, regime: Regime): string {
  if (regime === 'A') {
    return `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，特向社会公布${year}年度${agency}政府信息公开工作年度报告。本报告由概述、主动公开政府信息情况、依申请公开政府信息办理情况、收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼情况、存在的主要问题及改进措施等部分组成。`;
  }
  const format = regime === 'B' ? '国办公开办函〔2019〕60号' : '国办公开办函〔2021〕30号';
  return `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（${format}）要求，由${agency}编制。本报告中所列数据统计时限为${year}年1月1日至${year}年12月31日。`;
}
