import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { EMBEDDED_DATABASE_NAME, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/**
 * A plain pg pool on the configured database (embedded or external), for commands that speak SQL and need no ORM:
 * loading TypeORM costs ~0.35 s of a process that cron starts (the postal index update).
 */
export interface DatabasePool {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openDatabasePool(config: Pick<Config, 'database'>, logger: Logger, applicationName: string): Promise<DatabasePool> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  if (config.database.kind === 'embedded') {
    embedded = await startEmbeddedPostgres({
      dataDir: config.database.dataDir,
      port: config.database.port,
      database: EMBEDDED_DATABASE_NAME,
      logger: logger.child('embedded-pg'),
    });
    url = embedded.url;
  } else {
    url = config.database.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: applicationName });
  return {
    pool,
    close: async () => {
      await pool.end();
      await embedded?.release();
    },
  };
}
