/** [start, end) of every line of a text (end excludes the line break; "\r\n" counts as one break). */
export type LineRange = [number, number];

export function lineRanges(text: string): LineRange[] {
  const out: LineRange[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    out.push([start, end > start && text[end - 1] === '\r' ? end - 1 : end]);
    if (nl === -1) return out;
    start = nl + 1;
  }
}
