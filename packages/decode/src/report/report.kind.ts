/**
 * Is the text one agency's disclosure annual report at all, or a document
 * about reports (notes, a list of reports), a news item, or another kind of
 * government report (法治政府建设年度报告, 预算公开)? Decided here, on the text
 * alone, so that extract (no figures from a non-report) and validate
 * (NOT_A_REPORT) read the same verdict off decode's warnings.
 *
 * Only positive signs of another kind of document count, and never against a
 * text that speaks of itself as a report (本报告…, 现将…报告如下, 本报告由…组成):
 * a report cut after its opening is still a report.
 */

/** The text speaks of itself as a report: the preface of every era's template. */
const SELF_REPORT = new RegExp([
  '本(?:年度)?(?:报告|年报)',
  '(?:报告|年报)(?:全文)?(?:由|包括|分为)[^。]{0,80}?(?:组成|构成|部分)',
  '现(?:将|就|把)[^。]{0,40}?(?:报告|年报)如下',
  '(?:编制|公布|发布)(?:了|完成)?(?:本)?[^。]{0,30}?(?:年度)?(?:报告|年报)',
  '本报告所列数据',
].join('|'), 'u');

/** A report title of the disclosure kind. */
const DISCLOSURE_TITLE = /(?:信息公开|政务公开)[^。\n]{0,12}?(?:报告|年报|总结)/u;
/** Titles of other government reports (and no 信息公开/政务公开 in them). */
const OTHER_KIND = /法治政府建设|依法行政|预算|决算|政府工作报告|国民经济和社会发展|统计公报|审计|述职|廉政|营商环境|工作总结|工作要点|工作计划|实施方案/u;
/** A report title as listed on an index page: …2018年度政府信息公开工作年度报告. */
const LISTED_TITLE = /((?:19|20)\d{2})\s?年(?:度)?[^。\n]{0,8}?政府信息公开[^。\n]{0,8}?(?:报告|年报)/gu;
/** File names (80445.page.txt, 报告.pdf): notes about files, not a report. */
/** File names (80445.page.txt, 报告.pdf): notes about files, not a report. The lookbehind starts a name where its run of name characters does, so a long run is walked once, not once per character. */
const FILE_NAME = /(?<![\w\u4e00-\u9fff().-])[\w\u4e00-\u9fff().-]+\.(?:txt|pdf|docx?|html?|md|json|xlsx?|csv)(?![\w])/giu;
const MARKDOWN_TABLE_HEAD = /^\s*\|[^\n]*(?:文件|file|路径|path|说明|备注)[^\n]*\|\s*$/imu;
const NON_REPORT_DOC = /工作要点|实施方案|工作计划|通知|意见|办法|规定|指南|目录|细则/u;
const NEWS_MARK = /本报讯|本网讯|通讯员|[(（]\s*记者|记者\s*[\u4e00-\u9fff]{2,3}\s*[)）]|据悉|新华社/u;
const EVENT_TITLE = /召开|举办|举行|开展|部署|推进会|培训会|座谈会|调研|视察|督查|动员/u;

/** The document's title: the crawler header's 标题, else the first non-empty line. */
export function titleOf(text: string): string {
  const header = /^\s*标题\s*[:：]\s*(.+)$/mu.exec(text.slice(0, 2000));
  if (header?.[1]) return header[1].trim();
  const first = text.split('\n').map((l) => l.replace(/^[#\s]+/u, '').trim()).find((l) => l.length > 0);
  return (first ?? '').slice(0, 120);
}

/** Why the text is not an agency's disclosure annual report, or null when nothing says so. */
export function notAReportReason(text: string): string | null {
  const title = titleOf(text);
  const self = SELF_REPORT.test(text);
  const disclosureTitle = DISCLOSURE_TITLE.test(title);
  const other = OTHER_KIND.exec(title);
  if (other && !/信息公开|政务公开/u.test(title)) {
    return `its title (「${title.slice(0, 40)}」) names another kind of government document (${other[0]}), not a 政府信息公开 annual report`;
  }
  // 2018年政务公开工作要点, …实施方案, …通知: a plan or notice about disclosure, not the year's account of it
  const plan = NON_REPORT_DOC.exec(title);
  if (plan && !self && !/报告|年报|总结/u.test(title)) {
    return `its title (「${title.slice(0, 40)}」) is a ${plan[0]}, not an annual report`;
  }
  const years = new Set([...text.matchAll(LISTED_TITLE)].map((m) => m[1]));
  // file names only matter beside titles of two years or more: not scanned otherwise (a long run of name characters costs a pass)
  const files = years.size >= 2 ? new Set([...text.matchAll(FILE_NAME)].map((m) => m[0].toLowerCase())) : new Set<string>();
  const headings = (text.match(/^#{1,6}\s/gmu) ?? []).length;
  const notes = files.size >= 3 || MARKDOWN_TABLE_HEAD.test(text) || (headings >= 2 && !self);
  if (notes && years.size >= 2) {
    return `it describes other reports (${files.size} file names, reports of ${years.size} years): notes or a file list, not a report`;
  }
  if (!self && years.size >= 3) return `it lists reports of ${years.size} years and never speaks of itself as a report: an index page`;
  if (!self && !disclosureTitle && !/报告|年报/u.test(title) && (NEWS_MARK.test(text) || EVENT_TITLE.test(title))) {
    return `it is a news item (「${title.slice(0, 40)}」), not a report`;
  }
  return null;
}
