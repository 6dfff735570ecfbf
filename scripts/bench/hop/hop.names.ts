/** Names the hop bench and its producer share. */
export const FLOOR_QUEUE = 'hop-floor';
export const hopReportId = (i: number) => `hop${String(i).padStart(61, '0')}`;
