import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The current definition of every database function and trigger of the registry, as code: one file per function
 * (`schema/functions/<name>.sql`) and one per table's triggers (`schema/triggers/<table>.sql`), as PostgreSQL
 * prints them (pg_get_functiondef, pg_get_triggerdef). Migrations keep their own frozen copies; the migrations test
 * compares a migrated database with this folder, so a migration that changes a function changes its file too
 * (`npm run schema:dump` writes the folder from a migrated database).
 */
export const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');

type Query = (sql: string) => Promise<Record<string, string>[]>;

/** Whitespace at line ends and blank lines at the end do not count (editors and PostgreSQL versions differ there). */
const normalized = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/** The definitions in a database: file name (relative to SCHEMA_DIR) → text. Functions of extensions are not ours. */
export async function databaseDefinitions(query: Query): Promise<Map<string, string>> {
  const definitions = new Map<string, string>();
  const functions = await query(`
    SELECT p.proname AS name, pg_get_functiondef(p.oid) AS definition
      FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
     ORDER BY p.proname, p.oid`);
  for (const { name, definition } of functions) {
    const file = `functions/${name}.sql`;
    definitions.set(file, normalized([definitions.get(file), `${normalized(String(definition))};`].filter(Boolean).join('\n\n')));
  }
  const triggers = await query(`
    SELECT c.relname AS "table", pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT t.tgisinternal AND n.nspname = 'public'
     ORDER BY c.relname, t.tgname`);
  for (const { table, definition } of triggers) {
    const file = `triggers/${table}.sql`;
    definitions.set(file, normalized([definitions.get(file), `${String(definition)};`].filter(Boolean).join('\n')));
  }
  return definitions;
}

/** The definitions kept in SCHEMA_DIR: file name → text. */
export function definitionsInCode(dir = SCHEMA_DIR): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const kind of ['functions', 'triggers']) {
    for (const file of readdirSync(path.join(dir, kind))
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      definitions.set(`${kind}/${file}`, normalized(readFileSync(path.join(dir, kind, file), 'utf8')));
    }
  }
  return definitions;
}
