/**
 * Deepest element nesting the HTML stages will see. Real pages nest a few
 * dozen levels; a hostile one nests 200,000, which makes the parser
 * quadratic (it keeps its open-element stack by unshift) and the tree walks
 * overflow the call stack.
 */
export const MAX_HTML_DEPTH = 400;

/** Elements that never hold content. */
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements a parser closes implicitly at the next sibling of the same kind: they do not deepen the tree when left open. */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp']);

/** A comment, a raw-text element (script/style/textarea) whole, or a tag: group 2 "/" for a closing tag, group 3 its name, group 4 "/" for self-closing. */
const TOKEN = /<!--[\s\S]*?-->|<(script|style|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/gi;

/**
 * Returns the source with every tag nested deeper than `max` blanked out
 * (replaced by as many spaces, so every offset still points at the same
 * character of the original): the text inside deep elements is kept, their
 * structure is dropped. Linear in the source; the source itself when it is
 * within the limit.
 */
export function limitHtmlNesting(source: string, max = MAX_HTML_DEPTH): string {
  let depth = 0;
  const blank: Array<[number, number]> = [];
  for (const m of source.matchAll(TOKEN)) {
    const tag = m[3]?.toLowerCase();
    if (tag === undefined || VOID.has(tag) || SELF_CLOSING_SIBLINGS.has(tag)) continue;
    if (m[2] === '/') {
      if (depth > max) blank.push([m.index, m.index + m[0].length]);
      if (depth > 0) depth--;
    } else if (m[4] !== '/') {
      depth++;
      if (depth > max) blank.push([m.index, m.index + m[0].length]);
    }
  }
  if (blank.length === 0) return source;
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of blank) {
    parts.push(source.slice(from, start), ' '.repeat(end - start));
    from = end;
  }
  parts.push(source.slice(from));
  return parts.join('');
}
