import type { ErrorCode } from './error-codes.ts';
import { PipelineError } from './pipeline-error.ts';

type TransientCode = Extract<ErrorCode, 'STORE_UNAVAILABLE' | 'QUEUE_UNAVAILABLE' | 'TIMEOUT' | 'TRANSIENT'>;

/** A failure that may go away by itself: retried with backoff. */
export class TransientError extends PipelineError {
  constructor(code: TransientCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, options);
  }
}
