/**
 * Text that remembers, for every UTF-16 code unit, the offset it came from in
 * the decoded original. Each normalization step maps a TrackedText to a new
 * one; the origins compose for free, and `toOffsetMap` compresses them into
 * the anchor list of `DecodeResult.offsetMap`.
 */
export interface TrackedText {
  readonly text: string;
  /** origin[i] = original offset of text[i]; origin[text.length] = end of the original span. */
  readonly origin: Int32Array;
}

/** A text that is its own original (offset i maps to i). */
export function untracked(text: string): TrackedText {
  const origin = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) origin[i] = i;
  return { text, origin };
}

/** Accumulates pieces of output text together with their origins. */
export class TrackedBuilder {
  private readonly parts: string[] = [];
  private origin = new Int32Array(1024);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra + 1 <= this.origin.length) return;
    let size = this.origin.length * 2;
    while (size < this.length + extra + 1) size *= 2;
    const next = new Int32Array(size);
    next.set(this.origin.subarray(0, this.length));
    this.origin = next;
  }

  get size(): number {
    return this.length;
  }

  /** Appends source.text[start, end) with its origins. */
  copy(source: TrackedText, start: number, end: number): void {
    if (end <= start) return;
    this.ensure(end - start);
    this.parts.push(source.text.slice(start, end));
    this.origin.set(source.origin.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** Appends `text` in place of the same-length span source.text[start, …), keeping that span's origins. */
  copyAs(text: string, source: TrackedText, start: number): void {
    this.ensure(text.length);
    this.parts.push(text);
    this.origin.set(source.origin.subarray(start, start + text.length), this.length);
    this.length += text.length;
  }

  /** Appends text that stands at `originStart` in the original and advances with it. */
  appendSpan(text: string, originStart: number): void {
    this.ensure(text.length);
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.origin[this.length + i] = originStart + i;
    this.length += text.length;
  }

  /** Appends synthetic text (separators, replacements): every unit points at `originAt`. */
  insert(text: string, originAt: number): void {
    if (text.length === 0) return;
    this.ensure(text.length);
    this.parts.push(text);
    this.origin.fill(originAt, this.length, this.length + text.length);
    this.length += text.length;
  }

  /** The last character appended, or '' when empty. */
  lastChar(): string {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? '' : last.slice(-1);
  }

  build(endOrigin: number): TrackedText {
    const origin = this.origin.slice(0, this.length + 1);
    origin[this.length] = endOrigin;
    return { text: this.parts.join(''), origin };
  }
}

/**
 * Replaces every match of the global regex `re` with `replacer(match)`.
 * Replacement units map onto the matched units one to one (extra ones map to
 * the last matched unit), so deletions and same-length folds keep exact
 * offsets. Returns the input object itself when nothing changed.
 */
export function replaceTracked(
  input: TrackedText,
  re: RegExp,
  replacer: (match: RegExpExecArray) => string,
): TrackedText {
  if (!re.global) throw new Error('replaceTracked needs a global regex');
  re.lastIndex = 0;
  let m = re.exec(input.text);
  if (m === null) return input;
  const out = new TrackedBuilder();
  let last = 0;
  let changed = false;
  while (m !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const rep = replacer(m);
    if (rep !== m[0]) {
      changed = true;
      out.copy(input, last, start);
      for (let j = 0; j < rep.length; j++) {
        const k = Math.min(start + j, Math.max(start, end - 1));
        out.insert(rep[j] ?? '', input.origin[k] ?? 0);
      }
      last = end;
    }
    if (m[0].length === 0) re.lastIndex++;
    m = re.exec(input.text);
  }
  if (!changed) return input;
  out.copy(input, last, input.text.length);
  return out.build(input.origin[input.text.length] ?? 0);
}

/**
 * Compresses origins into `[normalizedOffset, originalOffset, …]` anchors:
 * one anchor wherever the mapping stops advancing in step. Empty when the
 * text is the original itself.
 */
export function toOffsetMap(tracked: TrackedText, original: string): number[] {
  if (tracked.text === original) return [];
  const { origin } = tracked;
  const anchors: number[] = [];
  for (let i = 0; i <= tracked.text.length; i++) {
    const o = origin[i] ?? 0;
    if (i === 0 || o !== (origin[i - 1] ?? 0) + 1) anchors.push(i, o);
  }
  return anchors;
}

/** Original offset of normalized offset `n`, read from an offset map (for consumers and tests). */
export function originalOffset(offsetMap: readonly number[], n: number): number {
  if (offsetMap.length === 0) return n;
  let lo = 0;
  let hi = offsetMap.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsetMap[mid * 2] ?? 0) <= n) lo = mid;
    else hi = mid - 1;
  }
  return (offsetMap[lo * 2 + 1] ?? 0) + (n - (offsetMap[lo * 2] ?? 0));
}

/** The [start, end) spans of the lines of `text` (end excludes the "\n"). */
export function* lineSpans(text: string): Generator<[number, number]> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    yield [start, end];
    start = end + 1;
  }
}

/** What to keep of a line: everything, nothing, or some [start, end) ranges of it. */
export type LineDecision = boolean | Array<[number, number]>;

/**
 * Rebuilds the text line by line, keeping whole lines, dropping them (with
 * their line break) or keeping only some ranges of them.
 */
export function filterLines(input: TrackedText, decide: (line: string, index: number) => LineDecision): TrackedText {
  const { text } = input;
  const out = new TrackedBuilder();
  let index = 0;
  let changed = false;
  for (const [start, end] of lineSpans(text)) {
    const decision = decide(text.slice(start, end), index++);
    if (decision === true) {
      out.copy(input, start, Math.min(end + 1, text.length));
    } else {
      changed = true;
      if (decision !== false) {
        for (const [a, b] of decision) out.copy(input, start + a, start + b);
        if (end < text.length && decision.length > 0) out.copy(input, end, end + 1);
      }
    }
  }
  return changed ? out.build(input.origin[text.length] ?? 0) : input;
}
