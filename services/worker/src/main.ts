/**
 * A stage worker: `node --import tsx services/worker/src/main.ts STAGE`.
 * One main for every stage of the catalogue (packages/core/src/stage.catalogue.ts):
 * the supervisor, docker-compose and Kubernetes name the stage.
 */
import { runStageService } from '@gongkai/app';
import { STAGE_LIST, isStageName } from '@gongkai/core';

const stage = process.argv[2];
if (!isStageName(stage)) {
  process.stderr.write(`usage: services/worker/src/main.ts STAGE (one of ${STAGE_LIST}); got ${JSON.stringify(stage ?? null)}\n`);
  process.exit(64);
}
await runStageService(stage, process.env);
