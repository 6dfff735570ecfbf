export * from './shared-data.ts';
export type * from './gold.types.ts';
