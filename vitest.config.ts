import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure packages, no servers, next to the code) and
 * `integration` (test/, against real Redis, a real MongoDB-protocol server
 * and a real S3 server started once by the global setup).
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
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.test.ts'],
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
