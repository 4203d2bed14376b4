import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDataSource } from './data-source.js';
import { EMBEDDED_DATABASE_NAME, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/** An initialised DataSource on the configured database (starting the embedded server when needed). */
export interface Database {
  dataSource: DataSource;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Pick<Config, 'database'>,
  logger: Logger,
  options: { applicationName?: string; poolSize?: number } = {},
): Promise<Database> {
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
  const dataSource = createDataSource(url, options);
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.release();
    throw error;
  }
  let closed = false;
  return {
    dataSource,
    url,
    embedded: Boolean(embedded),
    close: async () => {
      if (closed) return;
      closed = true;
      await dataSource.destroy();
      await embedded?.release();
    },
  };
}
