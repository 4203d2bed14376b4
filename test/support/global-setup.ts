import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDataSource } from '../../src/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { TEMPLATE_DATABASE, recreateDatabase, withDatabaseName } from './database-urls.js';

/**
 * The test database server: TEST_DATABASE_URL when set (CI uses the machine's PostgreSQL),
 * otherwise an embedded PostgreSQL in the temporary directory (the same code `npm start` uses).
 * A template database is migrated once with the production migrations; each test file clones it.
 */
let embedded: EmbeddedPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  const logger = createLogger('warn', 'test-setup');
  // The panel's component bundle, built (or found up to date) the way `npm run build` does it.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-admin-bundle.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // Under the system's temporary directory (traversable by the OS user postgres, whatever the checkout's
    // parents allow), one per checkout, on a port derived from the checkout so that two can test at once.
    const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `cert-test-pg-${checkout}`, 'pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54400 + (parseInt(checkout.slice(0, 4), 16) % 500)),
      database: 'postgres',
      logger,
    });
    serverUrl = embedded.url;
  }
  await recreateDatabase(serverUrl, TEMPLATE_DATABASE);
  const dataSource = createDataSource(withDatabaseName(serverUrl, TEMPLATE_DATABASE));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  project.provide('databaseServerUrl', serverUrl);
  project.provide('embeddedDatabase', Boolean(embedded));
}

export async function teardown(): Promise<void> {
  await embedded?.release();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    embeddedDatabase: boolean;
  }
}
