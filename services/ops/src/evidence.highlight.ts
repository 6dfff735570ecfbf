/** A stretch of the text to mark, in UTF-16 code units (Evidence offsets), end exclusive. */
export interface Highlight {
  start: number;
  end: number;
  /** Anchor id placed where the stretch begins (the figure table links to it). */
  id: string;
  /** Shown on hover: the metric key(s) read from this stretch. */
  label: string;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The text as HTML with every highlight wrapped in <mark>. Highlights may
 * overlap or coincide (two metrics read from one sentence): the text is cut
 * at every boundary and each piece is marked with all the highlights
 * covering it. Highlights outside the text or empty are left out.
 */
export function highlightText(text: string, highlights: readonly Highlight[]): string {
  const valid = highlights.filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((h) => [h.start, h.end])])].sort((a, b) => a - b);
  const anchorsAt = new Map<number, string[]>();
  for (const h of valid) anchorsAt.set(h.start, [...(anchorsAt.get(h.start) ?? []), h.id]);
  let out = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    for (const id of anchorsAt.get(a) ?? []) out += `<span class="anchor" id="${escapeHtml(id)}"></span>`;
    const piece = escapeHtml(text.slice(a, b));
    const covering = valid.filter((h) => h.start <= a && h.end >= b);
    if (covering.length === 0) out += piece;
    else {
      const label = [...new Set(covering.map((h) => h.label))].join(', ');
      out += `<mark title="${escapeHtml(label)}" data-n="${covering.length}">${piece}</mark>`;
    }
  }
  return out;
}
