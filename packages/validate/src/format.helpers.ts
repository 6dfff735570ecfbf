/** Formatting numbers and quotes for finding messages. */

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/** A quote short enough for a message. */
export function clip(quote: string, max = 60): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length <= max ? q : `${q.slice(0, max - 1)}…`;
}
