/**
 * The closed error taxonomy. Permanent codes go straight to the dead-letter
 * queue (retrying cannot help); transient codes are retried with backoff.
 */
export const ERROR_CODES = {
  // permanent: the input is bad
  EMPTY_FILE: { retryable: false, summary: 'the file is empty' },
  BINARY_FILE: { retryable: false, summary: 'the file is binary data, not a document' },
  UNSUPPORTED_TYPE: { retryable: false, summary: 'the file type is not supported' },
  OVERSIZE: { retryable: false, summary: 'the file is larger than the configured limit' },
  UNDECODABLE: { retryable: false, summary: 'the bytes do not decode to text in any supported encoding' },
  NO_TEXT_LAYER: { retryable: false, summary: 'the PDF has no text layer (scanned); OCR is not supported' },
  CORRUPT_FILE: { retryable: false, summary: 'the file is damaged and cannot be read' },
  BAD_INPUT: { retryable: false, summary: 'the input cannot be processed' },
  // permanent: a missing prerequisite or a bug the input triggered
  INPUT_MISSING: { retryable: false, summary: 'the stage input is missing from the store' },
  STAGE_BUG: { retryable: false, summary: 'the stage failed on this input (a bug)' },
  // transient: the infrastructure
  STORE_UNAVAILABLE: { retryable: true, summary: 'MongoDB is unreachable' },
  QUEUE_UNAVAILABLE: { retryable: true, summary: 'Redis is unreachable' },
  TIMEOUT: { retryable: true, summary: 'the operation timed out' },
  TRANSIENT: { retryable: true, summary: 'a temporary failure' },
} as const satisfies Record<string, { retryable: boolean; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
