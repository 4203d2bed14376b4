import { loadConfig, type Config } from '../config.js';
import type { Database } from '../engine/db/database.js';
import { createLogger, type Logger } from '../logger.js';
import { cliIo } from './io.js';

/** What a CLI command needs: config, a logger and (opened lazily, closed after) the database. */
export interface CommandContext {
  config: Config;
  logger: Logger;
}

export function createCommandContext(env: Record<string, string | undefined> = cliIo().env): CommandContext {
  const config = loadConfig(env);
  // The CLI is quiet unless asked: warnings and errors only, on stderr.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'cli', cliIo().stderr);
  return { config, logger };
}

/** Opens the database through TypeORM (loaded only now: commands that do not need it start faster). */
export async function withDatabase<T>(context: CommandContext, body: (database: Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../engine/db/database.js');
  const database = await openDatabase(context.config, context.logger, {
    applicationName: 'cert-cli',
    poolSize: 2,
    statementTimeoutMs: context.config.cliStatementTimeoutMs,
  });
  try {
    return await body(database);
  } finally {
    await database.close();
  }
}
