import { MongoServerError } from 'mongodb';

/**
 * An upsert that two writers may make at once: on FerretDB both insert and
 * one loses on the unique _id (E11000; the soak and the fuzz had validate
 * dead-lettered STAGE_BUG for it, on `agency_years` and on `report_facts`).
 * The document is there by then, so the loser writes again without upsert.
 * `write(upsert)` makes the write.
 */
export async function upsertRacing(write: (upsert: boolean) => Promise<unknown>): Promise<void> {
  try {
    await write(true);
  } catch (err) {
    if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    await write(false);
  }
}
