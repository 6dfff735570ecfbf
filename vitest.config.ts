import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure packages, no servers, next to the code; each
 * stage package's tests import only that package and @gongkai/core),
 * `stages` (test/stages/: tests that need another stage or the shared corpus,
 * e.g. decoding real files before segmenting; no servers, no global setup) and
 * `integration` (the rest of test/, against real Redis, a real MongoDB-protocol
 * server and a real S3 server started once by the global setup).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'stages',
          sequence: { groupOrder: 1 },
          include: ['test/stages/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 2 },
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/stages/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // the suites share one FerretDB and one Redis; each file uses its own database and key prefix
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
