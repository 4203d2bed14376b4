import pg from 'pg';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { connectDatabaseServer } from './database-server.js';

/**
 * A plain pg pool on the configured database (embedded or external), for commands that speak SQL and need no ORM:
 * loading TypeORM costs ~0.35 s of a process that cron starts (the postal index update).
 */
export interface DatabasePool {
  pool: pg.Pool;
  /** The server's address (the embedded one's is known only once it runs). */
  url: string;
  close(): Promise<void>;
}

export async function openDatabasePool(config: Pick<Config, 'database'>, logger: Logger, applicationName: string): Promise<DatabasePool> {
  const server = await connectDatabaseServer(config, logger);
  const pool = new pg.Pool({ connectionString: server.url, max: 2, application_name: applicationName });
  // an idle connection dropped by the server (restart, idle kill) is an 'error' of the pool: logged, not thrown
  pool.on('error', (error) => logger.warn('database connection lost', { error: error.message }));
  return {
    pool,
    url: server.url,
    close: async () => {
      await pool.end();
      await server.release();
    },
  };
}
