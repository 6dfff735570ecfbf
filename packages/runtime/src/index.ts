export { createLogger, setLogContext, type Logger } from './logger.ts';
export { Lifecycle, type Stoppable } from './lifecycle.ts';
