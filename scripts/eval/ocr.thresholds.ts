/**
 * Floors of the OCR evaluation (issue 16), at 300 dpi over every damage.
 * `target` is the bar; `dpi300` is what `npm run eval` holds (set at
 * what the code reached, raised as OCR improves, never lowered to pass).
 */
export const OCR_THRESHOLDS = {
  target: { recall: 0.95, precision: 0.99 },
  dpi300: { recall: 0.95, precision: 0.99, wrongUnflagged: 0 },
} as const;
