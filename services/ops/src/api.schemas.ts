import { PIPELINE_STATUSES, STAGES, VALIDATION_STATUSES } from '@gongkai/core';
import { z } from 'zod';

/**
 * Input of every API route. Objects are strict (an unknown field is a 400),
 * every query value is a single string of a known shape: an operator object
 * such as `{"$ne": null}` or `status[$ne]=x` never reaches the store.
 */

/** Plain text of a filter: no MongoDB operator characters, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[${}[\]\\\u0000-\u001f\u007f]/.test(v), { message: 'must be plain text (no $ { } [ ] \\ or control characters)' });

export const intString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO date, e.g. 2026-11-20 or 2026-11-20T10:00Z')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real date')
  .transform((v) => new Date(v).toISOString());

export const stageSchema = z.enum(STAGES);
export const reportStatusSchema = z.enum([...PIPELINE_STATUSES, ...VALIDATION_STATUSES, 'done']);
/**
 * A reference to a report as people give it: its id (the sha256 of its
 * bytes), a unique prefix of at least 8 hex characters, or a file name it
 * arrived under; the store resolves it (resolveId, report.ref.ts). Compared
 * as a whole string, never as a query, so any printable name is safe.
 */
export const reportIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'must be a report id, id prefix (8+ hex characters) or file name' });
/** Rule ids are upper-case words joined by "_" (A_CHILD_SUM, T3_BALANCE). */
export const ruleSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be a rule id such as T3_BALANCE');

export const deadLetterQuery = z.strictObject({
  stage: stageSchema.optional(),
  state: z.enum(['dead', 'replaying', 'replayed']).optional(),
  reportId: reportIdSchema.optional(),
  since: isoDate.optional(),
  limit: intString(1, 1000).default(100),
});

/** POST /api/replay: the CLI's `gongkai replay` as JSON. */
export const replayBody = z
  .strictObject({
    stage: stageSchema,
    reportId: reportIdSchema.optional(),
    all: z.literal(true).optional(),
    since: isoDate.optional(),
    dryRun: z.boolean().default(false),
    rate: z.number().int().min(1).max(100_000).optional(),
    /** Replay dead letters whose error is permanent too (refused with 409 otherwise). */
    force: z.boolean().default(false),
  })
  .refine((b) => b.reportId || b.all || b.since, { message: 'say which dead letters: reportId, all: true or since' });

/** POST /api/reprocess: the CLI's `gongkai reprocess` as JSON. */
export const reprocessBody = z
  .strictObject({
    from: stageSchema,
    reportId: reportIdSchema.optional(),
    all: z.literal(true).optional(),
    dryRun: z.boolean().default(false),
    rate: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((b) => b.reportId || b.all, { message: 'say which reports: reportId or all: true' });

/** Query of a route that takes none. */
export const noQuery = z.strictObject({});

/** The messages of a failed parse, one per problem, naming the field. */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const where = i.path.length > 0 ? i.path.join('.') : i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? '' : '';
    return where ? `${where}: ${i.message}` : i.message;
  });
}
