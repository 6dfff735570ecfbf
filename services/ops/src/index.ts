export { startOpsServer, type OpsServer } from './ops.server.ts';
export { createOpsApp } from './ops.app.ts';
export { createMetrics, METRIC_NAMES, STAGE_BUCKETS, type OpsMetrics } from './metrics.registry.ts';
export { StageTimings, type StageTimingsOptions } from './stage-timings.poller.ts';
export { statusSnapshot, type StatusSnapshot } from './status.ts';
export { BOARD_PATH, boardQueueName } from './board.routes.ts';
