import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/**
 * Base of every error the pipeline classifies. Stages throw subclasses; the
 * queue layer maps `retryable: false` to a dead letter without retries.
 */
export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.details = options?.details;
  }
}
