import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAs } from '../../src/engine/db/actor.js';
import { useTestDatabase } from '../support/db.js';

interface Entry {
  id: string;
  actor_id: number | null;
  actor_name: string;
  source: string;
  action: string;
  table_name: string | null;
  record_id: string | null;
  anchors: string[];
  changes: Record<string, [unknown, unknown]> | null;
  details: Record<string, unknown> | null;
}

/**
 * The change history is kept by the database: every kind of write of every registry table, from plain psql (a
 * client of its own, with no actor set) and from the application (its actor set per transaction), gives an entry.
 */
describe('change history: every table, every kind of write', () => {
  const db = useTestDatabase('history');
  let psql: pg.Client;
  beforeAll(async () => {
    psql = new pg.Client({ connectionString: db.url, application_name: 'psql' });
    await psql.connect();
  });
  afterAll(() => psql?.end());
  beforeEach(() => db.truncate());

  const sql = async (text: string, values: unknown[] = []) => (await psql.query(text, values)).rows;
  const entries = async (): Promise<Entry[]> => (await psql.query('SELECT * FROM audit_log ORDER BY id')).rows;
  const lastEntry = async (): Promise<Entry> => (await entries()).at(-1)!;

  /** A write for each table: insert, update and delete, in plain SQL. */
  const base = async () => {
    const [org] = await sql(`INSERT INTO organizations (full_name, inn) VALUES ('ООО "ОСНОВА"', '7707083893') RETURNING id`);
    const [res] = await sql(`INSERT INTO resources (name, owner_id) VALUES ('Сайт', $1) RETURNING id`, [org.id]);
    const [msg] = await sql(`INSERT INTO messages (direction, information) VALUES ('incoming', 'Запрос') RETURNING id`);
    const [doc] = await sql(`INSERT INTO org_adm_docs (name) VALUES ('Приказ') RETURNING id`);
    const [other] = await sql(`INSERT INTO organizations (full_name, inn) VALUES ('ООО "ОСНОВА-2"', '500100732259') RETURNING id`);
    return { org: org.id as number, res: res.id as number, msg: msg.id as number, doc: doc.id as number, other: other.id as number };
  };
  const tableWrites: Record<string, (ids: Awaited<ReturnType<typeof base>>) => { insert: string; update: string; delete: string; key: string }> = {
    organizations: () => ({
      insert: `INSERT INTO organizations (id, full_name, inn) VALUES (900, 'АО "ТЕСТ"', '7736050003')`,
      update: `UPDATE organizations SET inn = '7707083894' WHERE id = 900`,
      delete: `DELETE FROM organizations WHERE id = 900`,
      key: '900',
    }),
    messages: () => ({
      insert: `INSERT INTO messages (id, direction, information) VALUES (900, 'outgoing', 'Ответ')`,
      update: `UPDATE messages SET information = 'Ответ на запрос' WHERE id = 900`,
      delete: `DELETE FROM messages WHERE id = 900`,
      key: '900',
    }),
    duplicate_dismissals: (ids) => ({
      insert: `INSERT INTO duplicate_dismissals (organization_id, other_id) VALUES (${ids.org}, ${ids.other})`,
      update: `UPDATE duplicate_dismissals SET dismissed_at = '2026-01-01' WHERE organization_id = ${ids.org}`,
      delete: `DELETE FROM duplicate_dismissals WHERE organization_id = ${ids.org}`,
      key: `${ids.org}/${ids.other}`,
    }),
    organizations_messages: (ids) => ({
      insert: `INSERT INTO organizations_messages (message_id, organization_id) VALUES (${ids.msg}, ${ids.org})`,
      update: `UPDATE organizations_messages SET organization_id = ${ids.org} WHERE message_id = ${ids.msg} AND false`, // a link has nothing to change
      delete: `DELETE FROM organizations_messages WHERE message_id = ${ids.msg}`,
      key: `${ids.msg}/${ids.org}`,
    }),
    resources: (ids) => ({
      insert: `INSERT INTO resources (id, name, owner_id) VALUES (900, 'Почта', ${ids.org})`,
      update: `UPDATE resources SET category = 2 WHERE id = 900`,
      delete: `DELETE FROM resources WHERE id = 900`,
      key: '900',
    }),
    resources_regions: (ids) => ({
      insert: `INSERT INTO resources_regions (resource_id, region_id) VALUES (${ids.res}, 77)`,
      update: `UPDATE resources_regions SET region_id = 50 WHERE resource_id = ${ids.res}`,
      delete: `DELETE FROM resources_regions WHERE resource_id = ${ids.res}`,
      key: `${ids.res}/77`,
    }),
    resources_industries: (ids) => ({
      insert: `INSERT INTO resources_industries (resource_id, industry_id) VALUES (${ids.res}, 1)`,
      update: `UPDATE resources_industries SET industry_id = 2 WHERE resource_id = ${ids.res}`,
      delete: `DELETE FROM resources_industries WHERE resource_id = ${ids.res}`,
      key: `${ids.res}/1`,
    }),
    responsibilities: (ids) => ({
      insert: `INSERT INTO responsibilities (id, organization_id, resource_id, date_start) VALUES (900, ${ids.org}, ${ids.res}, '2025-01-01')`,
      update: `UPDATE responsibilities SET date_end = '2026-01-01' WHERE id = 900`,
      delete: `DELETE FROM responsibilities WHERE id = 900`,
      key: '900',
    }),
    organization_documents: (ids) => ({
      insert: `INSERT INTO organization_documents (id, organization_id, org_adm_doc_id, props) VALUES (900, ${ids.org}, ${ids.doc}, '№ 12-С')`,
      update: `UPDATE organization_documents SET file_sha256 = repeat('b', 64), file_size = 2048 WHERE id = 900`,
      delete: `DELETE FROM organization_documents WHERE id = 900`,
      key: '900',
    }),
    users: () => ({
      insert: `INSERT INTO users (id, email, display_name, role, password_hash) VALUES (900, 'x@cert.test', 'Икс', 'clerk', 'scrypt$secret-hash')`,
      update: `UPDATE users SET password_hash = 'scrypt$another-secret' WHERE id = 900`,
      delete: `DELETE FROM users WHERE id = 900`,
      key: '900',
    }),
    org_adm_docs: () => ({
      insert: `INSERT INTO org_adm_docs (id, name) VALUES (900, 'Положение')`,
      update: `UPDATE org_adm_docs SET name = 'Положение о защите' WHERE id = 900`,
      delete: `DELETE FROM org_adm_docs WHERE id = 900`,
      key: '900',
    }),
    industries: () => ({
      insert: `INSERT INTO industries (id, name) VALUES (900, 'Тестовая сфера')`,
      update: `UPDATE industries SET name = 'Другая сфера' WHERE id = 900`,
      delete: `DELETE FROM industries WHERE id = 900`,
      key: '900',
    }),
    regions: () => ({
      insert: `INSERT INTO regions (id, name, okrug_id) VALUES (900, 'Тестовый край', 1)`,
      update: `UPDATE regions SET okrug_id = 2 WHERE id = 900`,
      delete: `DELETE FROM regions WHERE id = 900`,
      key: '900',
    }),
    okrugs: () => ({
      insert: `INSERT INTO okrugs (id, name) VALUES (900, 'Тестовый')`,
      update: `UPDATE okrugs SET name = 'Другой' WHERE id = 900`,
      delete: `DELETE FROM okrugs WHERE id = 900`,
      key: '900',
    }),
  };
  /**
   * Tables that hold no registry data: the history itself, sessions, migrations, counters, and the EGRUL checks
   * (derived, rewritten by every check; what an admin applies from them is an edit of the organization).
   */
  const TECHNICAL = [
    'audit_log',
    'egrul_bulk_lists',
    'egrul_check_runs',
    'egrul_checks',
    'legacy_ids',
    'legacy_runs',
    'letter_day_counts',
    'login_failures',
    'migrations',
    'organization_merges',
    'panel_bundles',
    'row_counts',
    'scan_chunks',
    'scan_removals',
    'sessions',
    'tallies',
  ];

  it('every table of the schema is either recorded row by row, recorded as a summary (postal index) or technical', async () => {
    const tables = (await sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.tablename as string);
    const triggers = await sql(
      `SELECT c.relname AS table, p.proname AS fn FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND p.proname IN ('audit_row', 'audit_bulk') AND t.tgenabled <> 'D'`,
    );
    const rowTables = new Set(triggers.filter((t) => t.fn === 'audit_row').map((t) => t.table));
    const bulkTables = new Set(triggers.filter((t) => t.fn === 'audit_bulk').map((t) => t.table));
    const unrecorded = tables.filter((t) => !rowTables.has(t) && !bulkTables.has(t) && !TECHNICAL.includes(t));
    expect(unrecorded).toEqual([]);
    // and each row-recorded table is walked by the next test
    expect([...rowTables].sort()).toEqual(Object.keys(tableWrites).sort());
    expect([...bulkTables]).toEqual(['addresses']);
  });

  for (const table of Object.keys(tableWrites)) {
    it(`${table}: insert, update and delete from plain psql are recorded with the database user`, async () => {
      const ids = await base();
      const writes = tableWrites[table]!(ids);
      const before = (await entries()).length;
      await sql(writes.insert);
      const inserted = await lastEntry();
      expect(inserted).toMatchObject({ action: 'insert', table_name: table, record_id: writes.key, source: 'sql', actor_id: null });
      expect(inserted.actor_name).toMatch(/\(psql\)$/);
      expect(inserted.anchors.length).toBeGreaterThan(0);
      const afterInsert = (await entries()).length;
      expect(afterInsert).toBe(before + 1);
      const updated = await psql.query(writes.update);
      if (updated.rowCount) {
        const entry = await lastEntry();
        expect(entry).toMatchObject({ action: 'update', table_name: table });
        expect(Object.keys(entry.changes ?? {})).not.toContain('updated_at');
        expect(Object.keys(entry.changes ?? {}).length).toBeGreaterThan(0);
      }
      await sql(writes.delete);
      const deleted = (await entries()).filter((e) => e.table_name === table && e.action === 'delete');
      expect(deleted.length).toBeGreaterThan(0);
      expect(JSON.stringify(await entries())).not.toContain('secret');
    });
  }

  it('an update names its columns with old and new values; a delete keeps the whole row; nothing is recorded for a change nobody sees', async () => {
    const { org } = await base();
    await sql(`UPDATE organizations SET inn = '7707083894', kpp = '770701001' WHERE id = $1`, [org]);
    expect((await lastEntry()).changes).toEqual({ inn: ['7707083893', '7707083894'], kpp: [null, '770701001'], version: [1, 2] }); // the version: which save this was
    const count = (await entries()).length;
    await sql(`UPDATE organizations SET updated_at = now() + interval '1 minute' WHERE id = $1`, [org]);
    await sql(`UPDATE organizations SET inn = inn WHERE id = $1`, [org]);
    expect((await entries()).length).toBe(count);
    await sql(`DELETE FROM resources WHERE owner_id = $1`, [org]);
    await sql(`DELETE FROM organizations WHERE id = $1`, [org]);
    const deleted = await lastEntry();
    expect(deleted.action).toBe('delete');
    expect(deleted.changes).toMatchObject({ id: [org, null], full_name: ['ООО "ОСНОВА"', null], inn: ['7707083894', null], is_active: [true, null] });
    expect(Object.keys(deleted.changes!)).toContain('created_at');
  });

  it('a password change says only that it changed', async () => {
    await sql(`INSERT INTO users (id, email, display_name, role, password_hash) VALUES (1, 'a@cert.test', 'А', 'admin', 'scrypt$first-secret')`);
    await sql(`UPDATE users SET password_hash = 'scrypt$second-secret', display_name = 'Аня' WHERE id = 1`);
    expect((await lastEntry()).changes).toEqual({ password_hash: ['•', '•'], display_name: ['А', 'Аня'], version: [1, 2] });
    expect(JSON.stringify(await entries())).not.toMatch(/secret/);
  });

  it('a soft delete and a deactivation are told apart from edits, and their undoing is a restore', async () => {
    const { org, res } = await base();
    await sql(`UPDATE resources SET deleted_at = now() WHERE id = $1`, [res]);
    expect((await lastEntry()).action).toBe('soft_delete');
    await sql(`UPDATE resources SET deleted_at = NULL WHERE id = $1`, [res]);
    expect((await lastEntry()).action).toBe('restore');
    await sql(`UPDATE organizations SET is_active = false WHERE id = $1`, [org]);
    expect((await lastEntry()).action).toBe('soft_delete');
  });

  it('a letter linked to an organization shows on both cards; a document on its organization', async () => {
    const { org, msg, doc } = await base();
    await sql(`INSERT INTO organizations_messages (message_id, organization_id) VALUES ($1, $2)`, [msg, org]);
    expect((await lastEntry()).anchors).toEqual([`messages:${msg}`, `organizations:${org}`]);
    await sql(`INSERT INTO organization_documents (organization_id, org_adm_doc_id) VALUES ($1, $2)`, [org, doc]);
    expect((await lastEntry()).anchors).toEqual([expect.stringMatching(/^organization_documents:/), `organizations:${org}`]);
  });

  it('the application names its user, source and address in every transaction it starts', async () => {
    const { org } = await base();
    await runAs({ id: 7, name: 'Иванова И. (clerk@cert.test)', source: 'panel', address: '10.0.0.5' }, () =>
      db.dataSource.transaction((manager) => manager.query(`UPDATE organizations SET contacts = 'тел. 1' WHERE id = $1`, [org])),
    );
    expect(await lastEntry()).toMatchObject({ actor_id: 7, actor_name: 'Иванова И. (clerk@cert.test)', source: 'panel', details: { address: '10.0.0.5' } });
    // the setting is the transaction's own: the next write on the same pooled connection, without an actor, is not hers
    await db.dataSource.transaction((manager) => manager.query(`UPDATE organizations SET contacts = 'тел. 2' WHERE id = $1`, [org]));
    expect(await lastEntry()).toMatchObject({ actor_id: null, source: 'sql' });
  });

  it('the postal index is one summary entry per transaction with counts, not a row per index', async () => {
    await sql('BEGIN');
    await sql(`INSERT INTO addresses (index, region_id) SELECT (100000 + i)::text, 77 FROM generate_series(1, 500) i`);
    await sql(`UPDATE addresses SET locality = 'Москва' WHERE index <= '100100'`);
    await sql(`DELETE FROM addresses WHERE index > '100400'`);
    await sql('COMMIT');
    const list = (await entries()).filter((e) => e.table_name === 'addresses');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ action: 'bulk', details: { inserted: 500, updated: 100, deleted: 100 } });
  });

  it('is append-only: no UPDATE, DELETE or TRUNCATE of an entry, only a recorded prune', async () => {
    await base();
    const [first] = await entries();
    await expect(sql(`UPDATE audit_log SET actor_name = 'кто-то другой' WHERE id = $1`, [first!.id])).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_log WHERE id = $1`, [first!.id])).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    const count = (await entries()).length;
    await sql(`UPDATE audit_log SET at = now() - interval '400 days' WHERE false`); // touches nothing, refused nothing
    const [pruned] = await sql(`SELECT audit_prune(now() + interval '1 second') AS n`);
    expect(Number(pruned.n)).toBe(count);
    const left = await entries();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ action: 'prune', details: { deleted: count } });
  });
});
