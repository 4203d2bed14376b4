import { defineConfig } from 'vitest/config';

/**
 * Two projects, one run:
 * - unit: pure code, no database, no global setup;
 * - db: everything on a real PostgreSQL (*.db.test.ts) and the browser tests (test/e2e), with the global setup
 *   (the database server and the migrated template) that runs only when one of them is selected.
 * Files run in parallel workers, each file on a database of its own; a worker keeps its modules across files
 * (isolate: false), so AdminJS, TypeORM and the browser are loaded once per worker, not once per file.
 * `npm test` runs both; `npm run test:embedded` runs the tests about the embedded server on it.
 */
const workers = Number(process.env.TEST_WORKERS ?? 3);

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.db.test.ts', 'test/e2e/**'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/**/*.db.test.ts', 'test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // a browser waits for a page: 1 s (the default) is not enough on a machine shared with the rest of the suite
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
