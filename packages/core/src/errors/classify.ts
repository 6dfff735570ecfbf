import { PipelineError } from './pipeline-error.ts';
import { TransientError } from './transient-error.ts';

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTCONN',
]);
const MONGO_TRANSIENT_NAMES = new Set([
  'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoTopologyClosedError',
  'MongoPoolClearedError', 'MongoNotConnectedError', 'MongoWaitQueueTimeoutError',
]);

function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = err;
  for (let i = 0; cur !== undefined && cur !== null && i < 8; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * Turns anything thrown into a PipelineError. Known infrastructure failures
 * (network errors, MongoDB server selection, Redis connection loss) become
 * transient; anything else a stage throws is a bug the input triggered:
 * permanent, so it lands in the dead-letter queue instead of retrying forever.
 */
export function classifyError(err: unknown, stage?: string): PipelineError {
  if (err instanceof PipelineError) return err;
  for (const e of chain(err)) {
    const code = (e as { code?: unknown }).code;
    const name = (e as { name?: unknown }).name;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof name === 'string' && MONGO_TRANSIENT_NAMES.has(name)) {
      return new TransientError('STORE_UNAVAILABLE', `MongoDB unavailable: ${message}`, { cause: err });
    }
    if (typeof name === 'string' && name.startsWith('Mongo') && /connection|network|pool|topology/i.test(message)) {
      return new TransientError('STORE_UNAVAILABLE', `MongoDB unavailable: ${message}`, { cause: err });
    }
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return new TransientError('TRANSIENT', `network failure: ${message}`, { cause: err });
    }
    // ioredis: a producer connection (no offline queue, 3 tries per command) while Redis restarts
    if (/Connection is closed|Stream isn't writeable|connect ECONNREFUSED|Reached the max retries per request limit/i.test(message)) {
      return new TransientError('QUEUE_UNAVAILABLE', `Redis unavailable: ${message}`, { cause: err });
    }
    if (typeof name === 'string' && (name === 'TimeoutError' || name === 'AbortError')) {
      return new TransientError('TIMEOUT', message || 'timed out', { cause: err });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PipelineError('STAGE_BUG', `${stage ? `${stage} stage ` : ''}failed on this input: ${message}`, { cause: err });
}
