import 'dotenv/config';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { runAs } from './engine/db/actor.js';
import { ensureInitialAdmin, resolveSessionSecret, runMigrations, seedDemoDataIfEmpty } from './app/bootstrap.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './engine/db/database.js';
import { createMigrationDataSource } from './engine/db/data-source.js';
import { describeDatabaseFailure } from './engine/db/database-failure.js';
import { AppError, ConfigError } from './errors.js';
import { createApp } from './app/app.js';
import { componentsBundlePath } from './engine/http/panel-assets.js';
import { createLogger } from './logger.js';

/** How long a stopping server lets the requests it is serving finish. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Entry point: config → database (embedded or external) → migrations (embedded only) → app → listen. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.userMessage}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, 'server');

  // AdminJS must never bundle components at request time: `npm run build` prebuilds .adminjs/bundle.js.
  const prebuiltBundle = componentsBundlePath();
  if (existsSync(prebuiltBundle)) {
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
  } else if (config.env === 'production') {
    process.stderr.write(`Не найден собранный бандл панели ${prebuiltBundle}: выполните npm run build.\n`);
    process.exit(1);
  }

  const database: Database = await openDatabase(config, logger, { applicationName: 'cert-ecosystem-server', statementTimeoutMs: config.statementTimeoutMs });
  const { dataSource } = database;
  if (database.embedded) {
    // migrations may rebuild indexes over every row: they run under the CLI's longer limit, on a connection of their own
    const migrating = createMigrationDataSource(database.url, { statementTimeoutMs: config.cliStatementTimeoutMs });
    await migrating.initialize();
    try {
      await runMigrations(migrating, logger);
    } finally {
      await migrating.destroy();
    }
  } else if (await dataSource.showMigrations()) {
    await database.close();
    process.stderr.write('В базе данных есть невыполненные миграции: выполните `npx cert db migrate` и запустите сервер снова.\n');
    process.exit(1);
  }
  // the first administrator and the demo data are the server's own writes in the change history
  const initialAdmin = await runAs({ name: 'Сервер при запуске', source: 'server' }, async () => {
    const admin = await ensureInitialAdmin(dataSource, config.dataDir);
    if (config.seedDemoData) {
      const demo = await seedDemoDataIfEmpty(dataSource);
      if (demo.created) logger.info('demo data loaded', { ...demo });
    }
    return admin;
  });

  const {
    app,
    storage,
    close: closeApp,
  } = createApp({
    config,
    dataSource,
    databaseUrl: database.url,
    sessionSecret: await resolveSessionSecret(config),
    logger: logger.child('http'),
  });
  const staleUploads = await storage.cleanIncoming(60 * 60 * 1000);
  if (staleUploads > 0) logger.warn('removed unfinished uploads left by an earlier run', { count: staleUploads });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });

  const url = `${config.publicUrl}/admin`;
  const lines = [
    '',
    `  Реестр организаций запущен: ${url}  (за ${Math.round(performance.now() - startedAt)} мс)`,
    `  База данных: ${database.embedded ? `встроенный PostgreSQL (${config.database.kind === 'embedded' ? config.database.dataDir : ''})` : 'внешний PostgreSQL'}`,
  ];
  if (initialAdmin?.password) {
    lines.push(`  Вход: ${initialAdmin.email} / ${initialAdmin.password}`);
    lines.push('  (пароль хранится в data/initial-admin.json; при первом входе реестр попросит придумать свой)');
  } else if (initialAdmin) {
    lines.push(`  Вход: ${initialAdmin.email} (пароль был изменён)`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    // a rolling restart: no new connections (a balancer retries them on another node), idle ones closed, and the
    // requests being served finish — cut only if they outlast SHUTDOWN_GRACE_MS
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(cut);
    await closeApp().catch(() => undefined);
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const databaseFailure = describeDatabaseFailure(error);
  if (databaseFailure) {
    process.stderr.write(`Сервер не запустился. ${databaseFailure}\n`);
    process.exit(2);
  }
  const message = error instanceof AppError ? error.userMessage : 'Сервер не запустился из-за внутренней ошибки.';
  process.stderr.write(`${message}\n`);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (error instanceof AppError && error.cause) process.stderr.write(`cause: ${String((error.cause as Error).message ?? error.cause)}\n`);
  process.exit(error instanceof ConfigError ? 1 : 2);
});
