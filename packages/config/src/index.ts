export { loadConfig, redactConfig, isLoopback, ConfigError, type Config, type StageSettings, type Source } from './config.ts';
export { envSchema, stageEnvKeys, stageSettingKeys } from './config.schema.ts';
export { OPS_SERVER_KEYS, debugRequested, envFor } from './config.scope.ts';
