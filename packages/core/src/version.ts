/**
 * The pipeline version recorded on every stored stage output. Bump it when a
 * stage's output changes meaning, so `gongkai reprocess` results can be told
 * apart from older ones.
 */
export const PIPELINE_VERSION = '0.1.0';
