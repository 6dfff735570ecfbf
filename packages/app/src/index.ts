export { openDeps, type AppDeps } from './deps.ts';
export { runStageService } from './stage-service.ts';
export { superviseAll, SERVICES, type ServiceName, type SupervisorHandle } from './supervisor.ts';
