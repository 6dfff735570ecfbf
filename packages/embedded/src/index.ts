export { startInfra, connectInfra, type Infra } from './infra.ts';
export { startRedis, type EmbeddedServer } from './redis.server.ts';
export { startFerretdb } from './ferretdb.server.ts';
export { spawnGuarded, type GuardedChild } from './guarded-child.ts';
export { freePort } from './free-port.ts';
export { readRuntimeInfo, updateRuntimeInfo, isAlive, DataDirInUseError, type RuntimeInfo } from './data-lock.ts';
export { findFerretdb, findRedisServer, findVersitygw, onPath, MissingToolError, FERRETDB_VERSION, VERSITYGW_VERSION } from './tools.ts';
export { indexFerretdbIds, type IdIndexResult } from './ferretdb.indexes.ts';
