/**
 * Bad input found while preparing page images: permanent errors (the same
 * file fails the same way every time), so the ocr stage sends them straight
 * to its dead-letter queue. `reason` tells them apart without parsing text.
 */
import { BadInputError } from '@gongkai/core';

export const OCR_INPUT_REASONS = ['encrypted', 'page-cap', 'pixel-cap', 'corrupt', 'unsupported'] as const;
export type OcrInputReason = (typeof OCR_INPUT_REASONS)[number];

const CODE = {
  encrypted: 'BAD_INPUT',
  'page-cap': 'OVERSIZE',
  'pixel-cap': 'OVERSIZE',
  corrupt: 'CORRUPT_FILE',
  unsupported: 'UNSUPPORTED_TYPE',
} as const satisfies Record<OcrInputReason, ConstructorParameters<typeof BadInputError>[0]>;

export class OcrInputError extends BadInputError {
  readonly reason: OcrInputReason;

  constructor(reason: OcrInputReason, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(CODE[reason], message, { ...options, details: { ...options?.details, reason } });
    this.reason = reason;
  }
}
