import { describe, expect, it } from 'vitest';
import { BadInputError } from './bad-input-error.ts';
import { classifyError } from './classify.ts';
import { PipelineError } from './pipeline-error.ts';

describe('classifyError', () => {
  it('keeps pipeline errors as they are', () => {
    const e = new BadInputError('EMPTY_FILE', 'x.txt is empty');
    expect(classifyError(e)).toBe(e);
    expect(e.retryable).toBe(false);
    expect(e.name).toBe('BadInputError');
  });

  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'TRANSIENT'],
    [Object.assign(new Error('server selection timed out'), { name: 'MongoServerSelectionError' }), 'STORE_UNAVAILABLE'],
    [new Error('Connection is closed.'), 'QUEUE_UNAVAILABLE'],
    // what the 200-report soak's Redis restart gave a stage (was dead-lettered STAGE_BUG)
    [Object.assign(new Error('Reached the max retries per request limit (which is 3). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' }), 'QUEUE_UNAVAILABLE'],
    [new Error('wrapped', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }), 'TRANSIENT'],
  ])('infrastructure failure %# is transient (%s)', (err, code) => {
    const c = classifyError(err);
    expect(c.code).toBe(code);
    expect(c.retryable).toBe(true);
  });

  it('anything else a stage throws is a permanent bug the input triggered', () => {
    const c = classifyError(new TypeError("Cannot read properties of undefined (reading 'x')"), 'segment');
    expect(c).toBeInstanceOf(PipelineError);
    expect(c.code).toBe('STAGE_BUG');
    expect(c.retryable).toBe(false);
    expect(c.message).toMatch(/^segment stage failed on this input/);
  });
});
