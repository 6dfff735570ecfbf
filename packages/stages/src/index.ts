export { STAGE_REGISTRY, defineStage, type StageDef, type StageInputs, type StageContext } from './registry.ts';
export { runInProcess, runStage, reportIdOf, type InProcessResult } from './run-in-process.ts';
