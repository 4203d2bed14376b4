import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { databaseDefinitions, definitionsInCode } from '../../src/engine/db/schema-definitions.js';
import { dropDatabase, recreateDatabase, withDatabaseName } from '../support/database-urls.js';

/** Runs against an empty database of its own (not the template). */
describe('migrations', () => {
  const serverUrl = inject('databaseServerUrl');
  const database = `cert_test_migrations_${process.env.VITEST_POOL_ID ?? '0'}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await recreateDatabase(serverUrl, database);
    dataSource = createDataSource(withDatabaseName(serverUrl, database), { logQueryErrors: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(serverUrl, database);
  });

  const count = async (table: string) => Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const tables = async () =>
    (await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);

  it('lists every migration file of the directory, in order', () => {
    const files = readdirSync('migrations')
      .filter((f) => /^\d{13}-[A-Za-z]+\.ts$/.test(f))
      .sort();
    expect(migrations.map((m) => m.name)).toEqual(files.map((f) => f.replace(/^(\d{13})-([A-Za-z]+)\.ts$/, '$2$1')));
  });

  it('builds the schema and loads 8 districts, 90 regions (with 90, 93, 94, 95 in the Southern district), 13 industries with Buryatia and Zabaykalsky in the Far East', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await count('okrugs')).toBe(8);
    expect(await count('regions')).toBe(90);
    expect(await count('industries')).toBe(13);
    const moved = await dataSource.query(`SELECT r.id, o.name FROM regions r JOIN okrugs o ON o.id = r.okrug_id WHERE r.id IN (3, 75) ORDER BY r.id`);
    expect(moved).toEqual([
      { id: 3, name: 'Дальневосточный' },
      { id: 75, name: 'Дальневосточный' },
    ]);
    expect(await dataSource.query(`SELECT id, name, okrug_id FROM regions WHERE id IN (90, 93, 94, 95) ORDER BY id`)).toEqual([
      { id: 90, name: 'Запорожская область', okrug_id: 3 },
      { id: 93, name: 'Донецкая Народная Республика', okrug_id: 3 },
      { id: 94, name: 'Луганская Народная Республика', okrug_id: 3 },
      { id: 95, name: 'Херсонская область', okrug_id: 3 },
    ]);
    const perOkrug = await dataSource.query(`SELECT okrug_id AS id, count(*)::int AS n FROM regions GROUP BY okrug_id ORDER BY okrug_id NULLS LAST`);
    expect(perOkrug).toEqual([
      { id: 1, n: 18 },
      { id: 2, n: 11 },
      { id: 3, n: 12 },
      { id: 4, n: 7 },
      { id: 5, n: 14 },
      { id: 6, n: 6 },
      { id: 7, n: 10 },
      { id: 8, n: 11 },
      { id: null, n: 1 },
    ]);
  });

  it('has every database function and trigger exactly as src/engine/db/schema/ says (schema as code)', async () => {
    const inDatabase = await databaseDefinitions((sql) => dataSource.query(sql));
    const inCode = definitionsInCode();
    expect([...inDatabase.keys()].sort()).toEqual([...inCode.keys()].sort());
    for (const [file, definition] of inDatabase) expect(definition, `src/engine/db/schema/${file} (npm run schema:dump)`).toBe(inCode.get(file));
  });

  it('matches the entities exactly (no drift)', async () => {
    const log = await dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('goes all the way down, leaving only the migrations table, and up again', async () => {
    for (let i = 0; i < migrations.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await count('regions')).toBe(90);
    const log = await dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries).toEqual([]);
    expect(await databaseDefinitions((sql) => dataSource.query(sql))).toEqual(definitionsInCode());
  });

  it('a new industry gets the next id after the seeded ones', async () => {
    const [row] = await dataSource.query(`INSERT INTO industries (name) VALUES ('тестовая сфера') RETURNING id`);
    expect(row.id).toBe(14);
  });
});
