import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { dropDatabase, recreateDatabase, withDatabaseName } from './database-urls.js';

/** Reference tables seeded by migrations, and the users a file creates once: never truncated. */
const KEEP_TABLES = new Set(['okrugs', 'regions', 'industries', 'migrations', 'users']);

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /** Empties every table but the reference data and the users, and the change history (which the application cannot empty). */
  truncate(): Promise<void>;
}

/**
 * A database of this test file's own, cloned from the migrated template; dropped after the file.
 * Call at the top level of a test file.
 */
export function useTestDatabase(name = 'file'): TestDatabase {
  const serverUrl = inject('databaseServerUrl');
  const database = `cert_test_${name}_${process.env.VITEST_POOL_ID ?? '0'}`;
  const url = withDatabaseName(serverUrl, database);
  const handle = { url } as TestDatabase;
  beforeAll(async () => {
    await recreateDatabase(serverUrl, database, inject('templateDatabase'));
    handle.dataSource = createDataSource(url, { poolSize: 4, logQueryErrors: false });
    await handle.dataSource.initialize();
  });
  afterAll(async () => {
    await handle.dataSource?.destroy();
    await dropDatabase(serverUrl, database);
  });
  handle.truncate = async () => {
    const tables = handle.dataSource.entityMetadatas
      .map((m) => m.tableName)
      .concat('sessions', 'egrul_check_runs', 'login_failures', 'egrul_bulk_lists', 'legacy_ids', 'legacy_runs')
      .filter((t) => !KEEP_TABLES.has(t) && t !== 'audit_log');
    await handle.dataSource.query(`TRUNCATE ${[...new Set(tables)].map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    await clearHistory(handle.dataSource);
  };
  return handle;
}

/** Empties the change history: only the table's owner can, by lifting the append-only trigger for one transaction. */
export async function clearHistory(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_no_truncate');
    await manager.query('TRUNCATE audit_log RESTART IDENTITY');
    await manager.query('ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_no_truncate');
  });
}

/**
 * A digest of every entity table but `except` (and the sessions: every request moves its own expiry): equal digests
 * before and after a request mean the request changed nothing.
 */
export async function tableDigest(dataSource: DataSource, except: string[] = []): Promise<string> {
  const tables = [...new Set(dataSource.entityMetadatas.map((m) => m.tableName))].filter((t) => t !== 'sessions' && !except.includes(t)).sort();
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await dataSource.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`);
    parts.push(`${table}:${row.digest}`);
  }
  return parts.join(',');
}

/**
 * A pg pool of a test's own. The file's database is dropped (terminating its connections) after the file, and the
 * worker goes on with other files: a connection still closing then must not raise an uncaught error.
 */
export function testPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}
