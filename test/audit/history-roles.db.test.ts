import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/engine/db/data-source.js';
import { createLogger } from '../../src/logger.js';
import { createTestUser, TEST_HASH_COST, TEST_PASSWORD } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

/**
 * The change history is protected by roles, not by settings (docs/history.md). Two login roles of the cluster:
 * - an intruder with every privilege on every table and sequence (the history's included, as a careless GRANT ALL
 *   would give) but no membership in cert_writer: every bypass the issue names is tried and refused, and its writes
 *   are recorded as its own SQL writes whatever actor it claims;
 * - the application's role (a member of cert_writer, not the owner): the panel runs on it, its entries carry the
 *   panel's user, and it cannot change, delete, truncate or prune the history either.
 */
const INTRUDER = 'cert_test_intruder';
const APP_ROLE = 'cert_test_app';
const PASSWORD = 'cert-test-role-password';

describe('the history against database roles', () => {
  const db = useTestDatabase('history_roles');
  let owner: pg.Client;
  let intruder: pg.Client;
  let appRole: pg.Client;
  let appDataSource: DataSource;
  let app: App;

  const roleUrl = (role: string) => {
    const url = new URL(db.url);
    url.username = role;
    url.password = PASSWORD;
    return url.toString();
  };
  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url, application_name: 'psql' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const ensureLoginRole = async (role: string) => {
    await owner.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await owner.query(`ALTER ROLE ${role} LOGIN PASSWORD '${PASSWORD}' NOSUPERUSER NOCREATEROLE`);
  };
  const history = async () =>
    (await owner.query(`SELECT id::text, actor_id, actor_name, source, action, table_name, db_role, changes FROM audit_log ORDER BY id`)).rows;

  beforeAll(async () => {
    owner = await connect(db.url);
    await ensureLoginRole(INTRUDER);
    await ensureLoginRole(APP_ROLE);
    await owner.query(`REVOKE cert_writer FROM ${INTRUDER}`);
    await owner.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${INTRUDER}`);
    await owner.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${INTRUDER}`);
    await owner.query(`GRANT cert_writer TO ${APP_ROLE}`);
    intruder = await connect(roleUrl(INTRUDER));
    appRole = await connect(roleUrl(APP_ROLE));
    await db.truncate();
    await createTestUser(db, 'admin@cert.test', 'admin');
    await owner.query(`INSERT INTO organizations (full_name, inn) VALUES ('ООО "ОСНОВА"', '7707083893')`);

    appDataSource = createDataSource(roleUrl(APP_ROLE), { poolSize: 2, logQueryErrors: false });
    await appDataSource.initialize();
    app = createApp({
      config: loadConfig({ DATABASE_URL: roleUrl(APP_ROLE), LOG_LEVEL: 'silent', PASSWORD_HASH_COST: String(TEST_HASH_COST) }),
      dataSource: appDataSource,
      databaseUrl: roleUrl(APP_ROLE),
      sessionSecret: 'test-session-secret-of-at-least-32-characters',
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await app?.close();
    await appDataSource?.destroy();
    for (const client of [intruder, appRole, owner]) await client?.end();
  });

  it('refuses every bypass tried by a role with full DML, and records its writes as its own', async () => {
    const before = await history();
    expect(before.length).toBeGreaterThan(0);
    const first = before[0]!.id;
    const inTransaction = async (client: pg.Client, statements: string[]) => {
      await client.query('BEGIN');
      try {
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    };
    // the old switch: a setting any session may set
    await expect(inTransaction(intruder, [`SET LOCAL cert.audit_prune = 'on'`, `DELETE FROM audit_log WHERE id = ${first}`])).rejects.toThrow(/append-only/);
    await expect(intruder.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(intruder.query(`UPDATE audit_log SET actor_name = 'Администратор' WHERE id = ${first}`)).rejects.toThrow(/append-only/);
    await expect(intruder.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(
      intruder.query(
        `INSERT INTO audit_log (actor_id, actor_name, source, action, table_name) VALUES (1, 'Администратор', 'panel', 'update', 'organizations')`,
      ),
    ).rejects.toThrow(/append-only/);
    // the functions: the prune, the writer, the session events
    await expect(intruder.query(`SELECT audit_prune(now())`)).rejects.toThrow(/permission denied/);
    await expect(intruder.query(`SELECT audit_write('update', 'organizations', '1', '{}', '{}', '{}')`)).rejects.toThrow(/permission denied/);
    await expect(intruder.query(`SELECT audit_session_event('login', 1, 'Администратор', '{}')`)).rejects.toThrow(/permission denied/);
    // becoming someone else, or switching the guard off
    await expect(intruder.query(`SET ROLE cert_history_keeper`)).rejects.toThrow(/permission denied/);
    await expect(intruder.query(`SET ROLE cert_writer`)).rejects.toThrow(/permission denied/);
    await expect(intruder.query(`ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_append_only`)).rejects.toThrow(/must be owner/);
    await expect(intruder.query(`ALTER FUNCTION audit_prune(timestamptz) OWNER TO ${INTRUDER}`)).rejects.toThrow(/must be|permission denied/);
    await expect(intruder.query(`CREATE OR REPLACE FUNCTION audit_actor() RETURNS jsonb LANGUAGE sql AS $$ SELECT '{}'::jsonb $$`)).rejects.toThrow(
      /must be owner|permission denied/,
    );
    const untouched = await history();
    expect(untouched).toEqual(before);

    // an SQL write claiming to be an admin's panel edit is recorded as what it is
    await inTransaction(intruder, [
      `SET LOCAL cert.actor = '{"id": 1, "name": "Администратор", "source": "panel"}'`,
      `UPDATE organizations SET short_name = 'ОСНОВА' WHERE inn = '7707083893'`,
    ]);
    const after = await history();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        actor_id: null,
        source: 'sql',
        action: 'update',
        table_name: 'organizations',
        db_role: INTRUDER,
        actor_name: `${INTRUDER} (psql)`,
      }),
    ]);
  });

  it('runs the panel on the application role, whose entries carry the user, and which cannot change the history', async () => {
    const agent = request.agent(app.app);
    const login = await agent.post('/admin/login').field('email', 'admin@cert.test').field('password', TEST_PASSWORD);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/admin');
    const created = await agent.post('/admin/api/resources/Organization/actions/new').field('fullName', 'АО "РОЛИ"').field('inn', '7736050003');
    expect(created.body.notice?.type).toBe('success');
    const entries = await history();
    expect(entries.find((e) => e.action === 'login')).toMatchObject({ source: 'panel', db_role: APP_ROLE });
    expect(entries.find((e) => e.action === 'insert' && e.table_name === 'organizations' && e.changes.inn[1] === '7736050003')).toMatchObject({
      source: 'panel',
      actor_name: expect.stringContaining('admin@cert.test'),
      actor_id: expect.any(Number),
      db_role: APP_ROLE,
    });

    const count = entries.length;
    await expect(appRole.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(appRole.query(`UPDATE audit_log SET actor_name = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(appRole.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    await expect(appRole.query(`INSERT INTO audit_log (actor_name, source, action) VALUES ('x', 'panel', 'update')`)).rejects.toThrow(/permission denied/);
    await expect(appRole.query(`SELECT audit_prune(now())`)).rejects.toThrow(/permission denied/);
    await expect(appRole.query(`SET ROLE cert_history_keeper`)).rejects.toThrow(/permission denied/);
    expect(await history()).toHaveLength(count);

    // the owner (a member of cert_history_keeper) prunes through the function, and the prune is recorded
    const [pruned] = (await owner.query(`SELECT audit_prune(now() + interval '1 second') AS n`)).rows;
    expect(Number(pruned.n)).toBe(count);
    expect(await history()).toEqual([expect.objectContaining({ action: 'prune', db_role: expect.any(String) })]);
  });
});
