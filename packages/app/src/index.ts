export { openDeps, rowFeedKey, type AppDeps } from './deps.ts';
export { runStageService } from './stage-service.ts';
export { superviseAll, SERVICES, START_FAILURES_MAX, StartUpError, type ServiceName, type SupervisorHandle } from './supervisor.ts';
export { signalReady, signalFatal, type ServiceSignal } from './service.signal.ts';
export { describePortHolder } from './port.holder.ts';
