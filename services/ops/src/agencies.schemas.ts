import { isFigureKey } from '@gongkai/store';
import { z } from 'zod';
import { text as plain } from './api.schemas.ts';

/**
 * Input of the agency and comparison routes (and pages). As in
 * api.schemas.ts: strict objects, single plain strings, no operator objects.
 */

/** An emptied form field arrives as "": not given. */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** A metric key of the catalogue (one the comparison can chart) or a rate key (rate.*). */
export const figureSchema = z.string().max(80).refine(isFigureKey, { message: 'must be a metric key such as requests.received.total or a rate such as rate.granted_share' });

const year = z.string().regex(/^\d{4}$/, 'must be a year such as 2020').transform(Number).pipe(z.number().int().min(1990).max(2100));
export const formatSchema = z.enum(['json', 'csv', 'xlsx']);

export const agencyListQuery = z.strictObject({
  q: optional(plain(100)),
  region: optional(plain(100)),
  level: optional(plain(40)),
});

/** An agency key as segment writes it (`省/市/县:name`): plain text. */
export const agencyKeySchema = plain(300);

/** Figures to chart: `a,b,c` of metric or rate keys. */
const figureList = z
  .string()
  .max(1000)
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(figureSchema).min(1).max(20));

export const agencyQuery = z.strictObject({
  metrics: optional(figureList),
  format: optional(formatSchema),
});

export const compareQuery = z.strictObject({
  year,
  metric: figureSchema,
  format: optional(formatSchema),
});

/** The comparison page: the year and the figure to rank by may be left for the page to choose. */
export const comparePageQuery = z.strictObject({
  year: optional(year),
  metric: optional(figureSchema),
  order: optional(z.enum(['asc', 'desc'])),
});
