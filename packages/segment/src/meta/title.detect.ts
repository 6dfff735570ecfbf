/**
 * The title at the top of the body: a line ending in 报告, possibly split
 * over two lines (淮安市人民政府 / 2024 年政府信息公开工作年度报告), or the
 * first words of a page flattened onto one line.
 */
export interface TitleHit {
  title: string;
  start: number;
  end: number;
}

const TITLE_LINE = /^[^。，,；;：:]{4,70}报告(?:[（(][^）)]{1,20}[）)])?$/;
const INLINE = /^\s*([^\s。，,；;：:《》]{2,40}?\s?\d{4}\s?年度?\s?[^\s。，,；;：:《》]{0,30}?报告)(?=\s|根据|本报告|按照|$)/;

function clean(s: string): string {
  return s.replace(/\s+/g, '');
}

export function detectTitle(text: string, start: number, end: number): TitleHit | null {
  let pos = start;
  const lines: Array<{ s: string; start: number; end: number }> = [];
  while (pos < end && lines.length < 4) {
    const nl = text.indexOf('\n', pos);
    const e = nl < 0 || nl > end ? end : nl;
    const raw = text.slice(pos, e);
    if (raw.trim()) {
      const lead = raw.length - raw.trimStart().length;
      lines.push({ s: raw.trim(), start: pos + lead, end: pos + lead + raw.trim().length });
    }
    pos = e + 1;
  }
  const [l1, l2] = lines;
  if (!l1) return null;
  if (l1.s.length <= 80 && TITLE_LINE.test(l1.s) && /年|报告/.test(l1.s)) return { title: clean(l1.s), start: l1.start, end: l1.end };
  if (l2 && l1.s.length <= 30 && !/[。，,；;：:]/.test(l1.s) && TITLE_LINE.test(l2.s) && /^\d{4}\s*年/.test(l2.s)) {
    return { title: clean(l1.s + l2.s), start: l1.start, end: l2.end };
  }
  const m = INLINE.exec(text.slice(start, Math.min(end, start + 200)));
  if (m?.[1] && m[1].trim().length >= 8) {
    const s = start + m.index + m[0].indexOf(m[1]);
    return { title: clean(m[1]), start: s, end: s + m[1].length };
  }
  return null;
}
