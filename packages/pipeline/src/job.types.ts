/** What a stage job carries: a reference, never the file or the text (Redis keeps job data in clear). */
export interface JobPayload {
  reportId: string;
  runId: string;
  /**
   * Set when the sweeper re-ran part of a run whose stored output was lost
   * (see progress.ledger.ts): the jobs of the healed chain get their own ids.
   */
  heal?: number;
  /** The file name the report arrived as: the job's name in Bull Board (the id alone says nothing to a person). */
  name?: string;
  /**
   * Set on a job that re-runs a done report's stage because its context
   * changed (a neighbouring year's report landed; stage.context.ts): a short
   * hash of the context's version, so the same change queues one job.
   */
  refresh?: string;
}

/** The data of a job in a dead-letter queue: the original payload unchanged, context beside it. */
export interface DeadLetterJobData {
  payload: JobPayload;
  stage: string;
  queue: string;
  jobId: string;
  error: { class: string; code: string; message: string };
  attemptsMade: number;
  deadLetteredAt: string;
  host: string;
}
