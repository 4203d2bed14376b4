import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { connectDatabaseServer } from './database-server.js';
import { createDataSource } from './data-source.js';

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
  options: { applicationName?: string; poolSize?: number; statementTimeoutMs?: number } = {},
): Promise<Database> {
  const server = await connectDatabaseServer(config, logger);
  const dataSource = createDataSource(server.url, options);
  try {
    await dataSource.initialize();
  } catch (error) {
    await server.release();
    throw error;
  }
  let closed = false;
  return {
    dataSource,
    url: server.url,
    embedded: server.embedded,
    close: async () => {
      if (closed) return;
      closed = true;
      await dataSource.destroy();
      await server.release();
    },
  };
}
