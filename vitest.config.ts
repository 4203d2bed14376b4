import { defineConfig } from 'vitest/config';

/**
 * One run, three projects: unit (pure code), db (real PostgreSQL: embedded by default, TEST_DATABASE_URL when set)
 * and e2e (real server + Debian's chromium via playwright-core). `npm test` runs them all.
 * The global setup (the database server and the migrated template) is the root's and runs once.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.db.test.ts', 'test/e2e/**'],
        },
      },
      {
        test: { name: 'db', include: ['test/**/*.db.test.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
