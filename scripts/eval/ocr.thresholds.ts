/**
 * Floors of the OCR evaluation (issue 16), at 300 dpi over every damage.
 * `target` is the bar; `dpi300` is what `npm run eval` holds (set at
 * what the code reached, raised as OCR improves, never lowered to pass).
 */
export const OCR_THRESHOLDS = {
  target: { recall: 0.95, precision: 0.99 },
  /**
   * Reached on the default (small) set, 2026-12-05, with the cell pass
   * (docs/ocr.md): recall 0.9403, precision 1.0, no wrong figure unflagged
   * (before it: 0.34 / 0.9953 / 1). Below the recall target; a floor,
   * not the goal.
   */
  dpi300: { recall: 0.93, precision: 0.99, wrongUnflagged: 0 },
} as const;
