/**
 * Floors of the OCR evaluation (issue 16), at 300 dpi over every damage.
 * `target` is the bar; `dpi300` is what `npm run eval` holds (set at
 * what the code reached, raised as OCR improves, never lowered to pass).
 */
export const OCR_THRESHOLDS = {
  target: { recall: 0.95, precision: 0.99 },
  /**
   * Reached on the default (small) set, 2026-12-05: recall 0.34 (表三/表四 not
   * matched: vertical header text, docs/ocr.md), precision 0.9953, one wrong
   * figure not flagged (a prose figure taken where 表三 was not read). Below the
   * issue's target; a floor, not the goal.
   */
  dpi300: { recall: 0.33, precision: 0.99, wrongUnflagged: 1 },
} as const;
