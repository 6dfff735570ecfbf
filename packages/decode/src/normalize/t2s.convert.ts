import { Converter } from 'opencc-js/t2cn';
import { lineSpans, TrackedBuilder, type TrackedText } from '../text/tracked-text.ts';

let converter: ((text: string) => string) | undefined;

/**
 * The process-wide OpenCC traditional→simplified converter, built on first
 * use (building costs ~10 ms). `hk` input also folds Hong Kong variant forms
 * (衹→只) before the standard t2s tables.
 */
export function t2sConverter(): (text: string) => string {
  const built = converter ?? Converter({ from: 'hk', to: 'cn' });
  converter = built;
  return built;
}

/**
 * Step 2: converts traditional characters to simplified. When a phrase
 * changes length, the text is redone line by line so that it only blurs the
 * offsets of its own line.
 */
export function toSimplified(input: TrackedText): TrackedText {
  const convert = t2sConverter();
  const { text } = input;
  const whole = convert(text);
  if (whole === text) return input;
  if (whole.length === text.length) return { text: whole, origin: input.origin };
  const out = new TrackedBuilder();
  for (const [start, end] of lineSpans(text)) {
    const line = text.slice(start, end);
    const converted = convert(line);
    if (converted === line) out.copy(input, start, end);
    else if (converted.length === line.length) out.copyAs(converted, input, start);
    else {
      out.insert(converted, input.origin[start] ?? 0);
    }
    if (end < text.length) out.copy(input, end, end + 1);
  }
  return out.build(input.origin[text.length] ?? 0);
}

/** Characters on each side that give OpenCC's phrase tables their context (乾隆 stays 乾隆). */
const CONTEXT = 3;

/**
 * For a simplified text holding a few traditional-only characters: converts
 * just those characters (with a little context for phrases), leaving every
 * other character of the text exactly as it was.
 */
export function simplifyStrays(input: TrackedText, isTraditional: (cp: number) => boolean): TrackedText {
  const convert = t2sConverter();
  const { text } = input;
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    if (!isTraditional(text.charCodeAt(i))) continue;
    const from = Math.max(0, i - CONTEXT);
    const window = text.slice(from, i + CONTEXT + 1);
    const converted = convert(window);
    if (converted.length !== window.length) continue;
    out ??= text.split('');
    out[i] = converted[i - from] ?? text[i] ?? '';
  }
  return out === null ? input : { text: out.join(''), origin: input.origin };
}
