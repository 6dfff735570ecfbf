export { ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.ts';
export { PipelineError } from './pipeline-error.ts';
export { BadInputError } from './bad-input-error.ts';
export { TransientError } from './transient-error.ts';
export { classifyError } from './classify.ts';
