import type { AppDeps } from '@gongkai/app';
import { PIPELINE_STATUSES, STAGES, VALIDATION_STATUSES } from '@gongkai/core';
import { BadCursorError, REPORT_SORTS, figuresOf, type ListRow, type ReportPageQuery } from '@gongkai/store';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { intString, problemsOf, text } from './api.schemas.ts';

/**
 * GET /api/reports and GET /reports: one query, one answer. Paging is by
 * cursor (follow `next`), sorted by a field every report has and then its
 * id, so a page walk neither repeats nor skips a row; `skip` is gone (with
 * it the "latest N shown" that ignored it).
 */

export const reportPageQuery = z.strictObject({
  status: z.enum([...PIPELINE_STATUSES, ...VALIDATION_STATUSES, 'done']).optional(),
  agency: text(200).optional(),
  year: intString(1990, 2100).optional(),
  rule: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be a rule id such as T3_BALANCE').optional(),
  failedStage: z.enum(STAGES).optional(),
  q: text(200).optional(),
  sort: z.enum(REPORT_SORTS).default('-updatedAt'),
  limit: intString(1, 500).default(50),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/, 'must be the `next` of a previous page').optional(),
  skip: z.undefined({ error: 'paging is by cursor: follow `next` from the previous page (skip is not supported)' }).optional(),
});
export type ReportPageParams = z.infer<typeof reportPageQuery>;

/** The fields of a report listing (from its list row): no text, no evidence-heavy arrays. */
export function reportSummary(r: ListRow) {
  return {
    id: r._id,
    status: r.status,
    name: r.name,
    receivedAt: r.receivedAt,
    updatedAt: r.updatedAt,
    agency: r.agency,
    year: r.year,
    title: r.title ?? r.inferredTitle,
    regime: r.regime,
    metrics: Object.fromEntries(figuresOf(r).map((m) => [m.key, m.value])),
    findings: r.findings,
    failure: r.failure,
  };
}

export interface ReportListing {
  total: number;
  items: ListRow[];
  next: string | null;
  /** Why nothing matched and what might (an agency nobody has: agencies with a similar name). */
  hint: string | null;
}

/** Runs one listing query (a page, the total, and a hint when nothing matched). */
export async function listReports(deps: Pick<AppDeps, 'store'>, p: ReportPageParams): Promise<ReportListing> {
  const pages = deps.store.reportPages;
  const { cursor, limit, sort, skip: _skip, ...filter } = p;
  const query: ReportPageQuery = { ...filter, sort, limit, ...(cursor ? { cursor } : {}) };
  const [page, total] = await Promise.all([pages.page(query), pages.count(filter)]);
  let hint: string | null = null;
  if (total === 0) {
    const said = [filter.q && `"${filter.q}" (file name, id prefix, agency or title)`, filter.agency && `agency containing "${filter.agency}"`].filter(Boolean);
    if (filter.agency) {
      const near = await pages.agencyHints(filter.agency);
      hint = `no report has an ${said.at(-1)}` + (near.length ? `; agencies with a similar name: ${near.join(', ')}` : '; try a shorter part of the name');
    } else if (said.length > 0) hint = `nothing matches ${said.join(' and ')}; try a shorter part, or fewer filters`;
    else if (Object.keys(filter).length > 0) hint = 'no report matches these filters';
  }
  return { total, items: page.items, next: page.next, hint };
}

/** Parses the query; answers 400 naming each problem (a bad cursor included) and returns undefined. */
export function parseListQuery(query: unknown, onBad: (problems: string[]) => void): ReportPageParams | undefined {
  // an emptied form field arrives as "": treat it as not given
  const raw = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const parsed = reportPageQuery.safeParse(raw);
  if (parsed.success) return parsed.data;
  onBad(problemsOf(parsed.error));
  return undefined;
}

/** GET /api/reports */
export function reportsListApi(deps: Pick<AppDeps, 'store'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const p = parseListQuery(req.query, (problems) => void res.status(400).json({ error: 'bad request', problems }));
    if (!p) return;
    listReports(deps, p)
      .then((l) => res.json({ total: l.total, limit: p.limit, sort: p.sort, next: l.next, ...(l.hint ? { hint: l.hint } : {}), items: l.items.map(reportSummary) }))
      .catch((err: unknown) => {
        if (err instanceof BadCursorError) return void res.status(400).json({ error: 'bad request', problems: [err.message] });
        next(err);
      });
  };
}
