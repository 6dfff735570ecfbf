import type { ErrorCode } from './error-codes.ts';
import { PipelineError } from './pipeline-error.ts';

type PermanentInputCode = Extract<
  ErrorCode,
  'EMPTY_FILE' | 'BINARY_FILE' | 'UNSUPPORTED_TYPE' | 'OVERSIZE' | 'UNDECODABLE' | 'NO_TEXT_LAYER' | 'CORRUPT_FILE' | 'BAD_INPUT'
>;

/** The input itself is unusable: a permanent error with a message a person understands. */
export class BadInputError extends PipelineError {
  constructor(code: PermanentInputCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, options);
  }
}
