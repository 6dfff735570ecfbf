import { ReplayRefusedError } from '@gongkai/pipeline';
import { ReportRefError, type ReportStore } from '@gongkai/store';
import type { Response } from 'express';

/**
 * The id in a URL or body, resolved the one way the CLI resolves it too
 * (store.resolveId: full sha256, unique prefix ≥ 8, file name or alias).
 * Unknown: 404; ambiguous: 409 with the candidates. Returns undefined after
 * answering.
 */
export async function resolveRef(store: Pick<ReportStore, 'resolveId'>, ref: string, res: Response): Promise<string | undefined> {
  try {
    return (await store.resolveId(ref)).id;
  } catch (err) {
    if (!(err instanceof ReportRefError)) throw err;
    res.status(err.kind === 'unknown' ? 404 : 409).json({
      error: err.kind === 'unknown' ? 'not found' : 'ambiguous id', message: err.message, candidates: err.candidates,
    });
    return undefined;
  }
}

/** A replay refused (permanent error without force: 409; nothing waiting for that report: 404), said in one message. */
export function answerRefusedReplay(err: unknown, res: Response): boolean {
  if (!(err instanceof ReplayRefusedError)) return false;
  res.status(err.reason === 'permanent' ? 409 : 404).json({
    error: err.reason === 'permanent' ? 'permanent error: force required' : 'nothing to replay', message: err.message,
  });
  return true;
}
