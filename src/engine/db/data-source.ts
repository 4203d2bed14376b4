import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { entities } from '../../../entities/index.js';
import { migrations } from '../../../migrations/index.js';
import { ActorSubscriber } from './actor.subscriber.js';

// DATE stays a 'YYYY-MM-DD' string end to end (never shifted by a time zone); INT8 stays exact as a string.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

/**
 * A DataSource on `url`. `statementTimeoutMs` bounds every statement of its connections in PostgreSQL itself (the
 * server's panel: STATEMENT_TIMEOUT_MS; CLI jobs and migrations: the longer CLI_STATEMENT_TIMEOUT_MS); unset, none.
 */
export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string; logQueryErrors?: boolean; statementTimeoutMs?: number } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    subscribers: [ActorSubscriber],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    parseInt8: true,
    uuidExtension: 'pgcrypto', // gen_random_uuid(), core since PostgreSQL 13 (stack-notes P16)
    logging: options.logQueryErrors === false ? false : ['error'],
    applicationName: options.applicationName ?? 'cert-ecosystem',
    extra: { max: options.poolSize ?? 10, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
  });
}

/**
 * A DataSource that only runs migrations: no entities (initialising a DataSource binds the entities to it, and this
 * one is closed after the migrations), under its own statement limit.
 */
export function createMigrationDataSource(url: string, options: { statementTimeoutMs?: number; count?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    // a restore builds the schema of its archive first: the first `count` migrations only
    migrations: options.count === undefined ? migrations : migrations.slice(0, options.count),
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: 'cert-ecosystem-migrations',
    extra: { max: 1, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
  });
}
