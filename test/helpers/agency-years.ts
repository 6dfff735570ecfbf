import type { Db } from 'mongodb';

/**
 * Every report id registered for an agency-year, read straight from
 * `agency_years` (the older single record `<key>|<year>` and the slots
 * `<key>|<year>#<n>`): what the store's own lookups should find.
 */
export async function registeredIds(db: Db, agencyKey: string, year: number): Promise<string[]> {
  const key = `${agencyKey}|${year}`;
  const all = await db.collection<{ _id: string; reportIds: string[] }>('agency_years').find({}).toArray();
  return all.filter((r) => r._id === key || r._id.startsWith(`${key}#`)).flatMap((r) => r.reportIds);
}
