import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/engine/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { TEMPLATE_PREFIX, recreateDatabase, withDatabaseName } from './database-urls.js';

/**
 * The test database server for the db and e2e projects (unit tests start none): TEST_DATABASE_URL when set (CI uses
 * the machine's PostgreSQL), otherwise an embedded PostgreSQL in the temporary directory (the same code `npm start`
 * uses) with fsync, synchronous_commit and full_page_writes off.
 * A template database is migrated with the production migrations and reused while migrations/ is unchanged (its
 * name carries the hash of that folder); each test file clones it.
 */
let embedded: EmbeddedPostgres | undefined;

/** Durability the tests do not need (a crashed test server is thrown away); production never gets these. */
export const TEST_SERVER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

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
      serverSettings: TEST_SERVER_SETTINGS,
    });
    serverUrl = embedded.url;
  }
  const template = await migratedTemplate(serverUrl);
  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  project.provide('embeddedDatabase', Boolean(embedded));
}

export async function teardown(): Promise<void> {
  await embedded?.release();
}

/** The hash of every file under migrations/: the template is rebuilt when any of them changes. */
function migrationsHash(): string {
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  walk('migrations');
  return hash.digest('hex').slice(0, 12);
}

/** The migrated template database for this state of migrations/, built (under a temporary name, then renamed) only when missing. */
async function migratedTemplate(serverUrl: string): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rowCount) return template;
    const building = `${template}_building_${process.pid}`;
    await recreateDatabase(serverUrl, building);
    const dataSource = createDataSource(withDatabaseName(serverUrl, building));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    try {
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } catch (error) {
      // another run built the same template meanwhile: use it
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount) throw error;
    }
    // templates of older migrations are of no further use
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`, [
      `${TEMPLATE_PREFIX}%`,
      template,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return template;
  } finally {
    await admin.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
    embeddedDatabase: boolean;
  }
}
