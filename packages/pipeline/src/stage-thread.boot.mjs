// Entry of a stage thread. Worker threads do not inherit tsx's loader from
// the parent's flags, so register it here before loading the TypeScript.
import { workerData } from 'node:worker_threads';

if (!workerData?.compiled) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(new URL('./stage.thread.ts', import.meta.url).href);
