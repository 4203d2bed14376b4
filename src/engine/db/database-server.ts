import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { EMBEDDED_DATABASE_NAME, startEmbeddedPostgres } from './embedded-postgres.js';

/** The configured database server: an external URL as it is, or the embedded PostgreSQL started (or joined). */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  /** Leaves the embedded server (stopping it if nobody else uses it); nothing for an external one. */
  release(): Promise<void>;
}

export async function connectDatabaseServer(config: Pick<Config, 'database'>, logger: Logger): Promise<DatabaseServer> {
  if (config.database.kind === 'external') {
    return { url: config.database.url, embedded: false, release: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.database.dataDir,
    port: config.database.port,
    database: EMBEDDED_DATABASE_NAME,
    logger: logger.child('embedded-pg'),
  });
  return { url: embedded.url, embedded: true, release: () => embedded.release() };
}
