import pg from 'pg';
import { UserInputError } from '../errors.js';

/**
 * The old service's database, read-only: one connection, one READ ONLY transaction at REPEATABLE READ (every table is
 * read as of one moment, and PostgreSQL refuses any write the code might attempt). Dates come as 'YYYY-MM-DD' text,
 * timestamps as text; rows are fetched from a cursor in pages, never a whole table in memory.
 */
export interface OldDatabase {
  /** «postgresql://host:port/name», without the user and password (for the history and the report). */
  readonly source: string;
  hasTable(name: string): boolean;
  hasColumn(table: string, column: string): boolean;
  count(sql: string): Promise<number>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The rows of a query, page by page (a cursor). */
  pages<T>(sql: string, pageSize?: number): AsyncGenerator<T[]>;
  close(): Promise<void>;
}

/** The tables of the old model (d98e348) that the move-in needs; methodical_docs and its links are read when present. */
export const OLD_TABLES = [
  'organizations',
  'regions',
  'industries',
  'messages',
  'organizations_messages',
  'resources',
  'regions_resources',
  'industries_resources',
  'responsibilities',
  'orgadm_docs',
  'orgadmdocs_organizations',
] as const;

/** A connection address without its password (and user): what may be written down. */
export function redactedSource(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgresql://(адрес не разобран)';
  }
}

export async function openOldDatabase(url: string, statementTimeoutMs: number): Promise<OldDatabase> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new UserInputError(`--from: адрес базы старой системы вида postgresql://пользователь@сервер:5432/база, получено «${redactedSource(url)}»`);
  }
  const client = new pg.Client({ connectionString: url, application_name: 'cert-import-legacy', statement_timeout: statementTimeoutMs });
  // dates and timestamps as PostgreSQL prints them: no time zone arithmetic on the way
  const asText = (value: string) => value;
  client.setTypeParser(1082, asText); // date
  client.setTypeParser(1114, asText); // timestamp
  client.setTypeParser(1184, asText); // timestamptz
  try {
    await client.connect();
  } catch (error) {
    throw new UserInputError(`Нет соединения с базой старой системы ${redactedSource(url)}: ${(error as Error).message}`);
  }
  let cursors = 0;
  try {
    await client.query('SET default_transaction_read_only = on');
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const columns: { table_name: string; column_name: string }[] = (
      await client.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`)
    ).rows;
    const known = new Map<string, Set<string>>();
    for (const c of columns) known.set(c.table_name, (known.get(c.table_name) ?? new Set()).add(c.column_name));
    const missing = OLD_TABLES.filter((t) => !known.has(t));
    if (missing.length > 0) {
      throw new UserInputError(
        `База ${redactedSource(url)} не похожа на базу старой системы cert_ecosystem: нет таблиц ${missing.join(', ')}. Укажите в --from базу старой системы.`,
      );
    }
    return {
      source: redactedSource(url),
      hasTable: (name) => known.has(name),
      hasColumn: (table, column) => known.get(table)?.has(column) ?? false,
      count: async (sql) => Number((await client.query(sql)).rows[0]?.n ?? 0),
      rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      async *pages<T>(sql: string, pageSize = 5000) {
        const name = `legacy_cursor_${++cursors}`;
        await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
        try {
          for (;;) {
            const { rows } = await client.query(`FETCH ${pageSize} FROM ${name}`);
            if (rows.length === 0) return;
            yield rows as T[];
          }
        } finally {
          await client.query(`CLOSE ${name}`).catch(() => undefined);
        }
      },
      close: async () => {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
