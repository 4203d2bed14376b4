/**
 * Writes src/engine/db/schema/ from a migrated database: `npm run schema:dump -- <postgresql://…/database>`
 * (default: DATABASE_URL). Run it after writing a migration that creates or changes a function or trigger, and
 * review the diff: the migrations test compares the folder with a migrated database.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseDefinitions, SCHEMA_DIR } from '../src/engine/db/schema-definitions.js';

const url = process.argv[2] ?? process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('Укажите базу: npm run schema:dump -- postgresql://…/база (или DATABASE_URL)\n');
  process.exit(1);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const definitions = await databaseDefinitions(async (sql) => (await client.query(sql)).rows);
  for (const kind of ['functions', 'triggers']) {
    rmSync(path.join(SCHEMA_DIR, kind), { recursive: true, force: true });
    mkdirSync(path.join(SCHEMA_DIR, kind), { recursive: true });
  }
  for (const [file, text] of definitions) writeFileSync(path.join(SCHEMA_DIR, file), `${text}\n`);
  process.stdout.write(`${definitions.size} files written to ${SCHEMA_DIR}\n`);
} finally {
  await client.end();
}
