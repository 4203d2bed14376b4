import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change history is protected by database roles, not by a setting a session may set (docs/history.md):
 *
 * - `cert_writer` (no login): the registry's writers. Members may read and write every table but the history, which
 *   they may only read; their transaction-local `cert.actor` (the panel's user) is believed. The application's own
 *   role is made a member (GRANT cert_writer TO <app role>); the role that runs this migration is one.
 * - `cert_history_keeper` (no login): owns `audit_prune()`, the only way to delete entries. Its members (the owner,
 *   and whoever ops grant it to) may prune; nobody else may call it.
 * - Entries are written only by `audit_write()`, which runs as the history's owner (SECURITY DEFINER) and is not
 *   callable by anyone else: a direct INSERT, UPDATE, DELETE or TRUNCATE of `audit_log` by any role but the owner's
 *   functions is refused by its triggers even where a GRANT would allow it.
 * - Each entry records `db_role`, the role that logged in (session_user): a write by a role outside cert_writer is
 *   recorded as an SQL write of that role whatever `cert.actor` it sets.
 *
 * Roles are cluster-wide: created once if missing (the migrating role needs CREATEROLE then, or an administrator
 * creates them first: CREATE ROLE cert_writer NOLOGIN; CREATE ROLE cert_history_keeper NOLOGIN).
 * A superuser and the owner of the tables are above all of this (they may drop a trigger); docs/history.md says so.
 */
export class HistoryGuardedByRoles1795816302833 implements MigrationInterface {
  name = 'HistoryGuardedByRoles1795816302833';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        role_name text;
      BEGIN
        FOREACH role_name IN ARRAY ARRAY['cert_writer', 'cert_history_keeper'] LOOP
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
              EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION
              WHEN duplicate_object OR unique_violation THEN NULL; -- created at the same moment by another database's migration
              WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'Нет роли % и нет права создать её: администратор PostgreSQL выполняет CREATE ROLE % NOLOGIN, затем повторите миграцию', role_name, role_name;
            END;
          END IF;
        END LOOP;
      END $$`);
    await queryRunner.query(`GRANT cert_writer, cert_history_keeper TO CURRENT_USER`);

    await queryRunner.query(`ALTER TABLE "audit_log" ADD COLUMN "db_role" text`);

    // who is writing: the panel's user is believed only from a member of cert_writer
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_actor() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      DECLARE
        raw text := current_setting('cert.actor', true);
      BEGIN
        IF raw IS NOT NULL AND raw <> '' AND pg_has_role(session_user, 'cert_writer', 'MEMBER') THEN
          BEGIN
            RETURN raw::jsonb;
          EXCEPTION WHEN others THEN
            NULL; -- a malformed setting is not a reason to refuse the write: record the session instead
          END;
        END IF;
        RETURN jsonb_build_object('name', session_user || ' (' || coalesce(nullif(current_setting('application_name', true), ''), 'SQL') || ')', 'source', 'sql');
      END $$`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_write(action text, table_name text, record_id text, anchors text[], changes jsonb, details jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        actor jsonb := audit_actor();
      BEGIN
        INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, changes, details, db_role)
        VALUES (
          (actor->>'id')::integer,
          left(coalesce(actor->>'name', session_user), 300),
          left(coalesce(actor->>'source', 'sql'), 20),
          CASE WHEN action = 'insert' AND actor->>'restoring' = 'true' THEN 'restore' ELSE action END,
          table_name, left(record_id, 40), anchors, changes,
          nullif(coalesce(details, '{}') || coalesce(actor - 'id' - 'name' - 'source' - 'restoring', '{}'), '{}'),
          session_user);
      END $$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION audit_write(text, text, text, text[], jsonb, jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_write(text, text, text, text[], jsonb, jsonb) TO cert_history_keeper`);
    // logins and logouts: written by the panel through this function only (the panel's role may not insert)
    await queryRunner.query(`
      CREATE FUNCTION audit_session_event(action text, user_id integer, actor_name text, details jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF action NOT IN ('login', 'login_failed', 'logout') THEN
          RAISE EXCEPTION 'not a session event: %', action USING ERRCODE = 'invalid_parameter_value';
        END IF;
        INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, details)
        VALUES (user_id, left(actor_name, 300), 'panel', action, 'users', user_id::text,
                CASE WHEN user_id IS NULL THEN ARRAY[]::text[] ELSE ARRAY['users:' || user_id] END, details);
      END $$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION audit_session_event(text, integer, text, jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_session_event(text, integer, text, jsonb) TO cert_writer`);
    // the trigger functions write through audit_write as the owner (a trigger function cannot be called directly)
    await queryRunner.query(`ALTER FUNCTION audit_row() SECURITY DEFINER SET search_path = public, pg_temp`);
    await queryRunner.query(`ALTER FUNCTION audit_bulk() SECURITY DEFINER SET search_path = public, pg_temp`);

    // only the owner's functions insert or amend; only the keeper deletes; nobody truncates
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        owner_name name := (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID);
      BEGIN
        IF TG_OP = 'INSERT' AND current_user = owner_name THEN
          NEW.db_role := session_user; -- whatever the writer passed
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND current_user = owner_name AND OLD.tx = txid_current() AND NEW.id = OLD.id AND NEW.tx = OLD.tx
           AND (NEW.at, NEW.actor_id, NEW.actor_name, NEW.source, NEW.action, NEW.table_name, NEW.record_id, NEW.anchors, NEW.changes, NEW.db_role)
               IS NOT DISTINCT FROM (OLD.at, OLD.actor_id, OLD.actor_name, OLD.source, OLD.action, OLD.table_name, OLD.record_id, OLD.anchors, OLD.changes, OLD.db_role) THEN
          RETURN NEW; -- a summary's counts, amended by the transaction that wrote it
        END IF;
        IF TG_OP = 'DELETE' AND current_user = 'cert_history_keeper' THEN
          RETURN OLD; -- inside audit_prune()
        END IF;
        RAISE EXCEPTION 'the change history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_audit_log_written_by_owner BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_prune(before timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        removed bigint;
      BEGIN
        DELETE FROM audit_log WHERE at < before;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM audit_write('prune', 'audit_log', NULL, ARRAY[]::text[], NULL, jsonb_build_object('before', before, 'deleted', removed));
        RETURN removed;
      END $$`);
    await queryRunner.query(`GRANT SELECT, DELETE ON audit_log TO cert_history_keeper`);
    // ALTER … OWNER needs the new owner's CREATE on the schema; held only for that statement
    await queryRunner.query(`GRANT CREATE ON SCHEMA public TO cert_history_keeper`);
    await queryRunner.query(`ALTER FUNCTION audit_prune(timestamptz) OWNER TO cert_history_keeper`);
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM cert_history_keeper`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION audit_prune(timestamptz) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_prune(timestamptz) TO cert_history_keeper`);

    // the writers' privileges, now and for the tables later migrations create
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO cert_writer`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cert_writer`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM cert_writer`);
    await queryRunner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO cert_writer`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cert_writer`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO cert_writer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM cert_writer`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM cert_writer`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM cert_writer`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM cert_writer, cert_history_keeper`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM cert_writer`);
    await queryRunner.query(`DROP TRIGGER tr_audit_log_written_by_owner ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_session_event(text, integer, text, jsonb)`);
    // the definitions of ChangeHistory1795816302829, as they were
    await queryRunner.query(`DROP FUNCTION audit_prune(timestamptz)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_prune(before timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        removed bigint;
      BEGIN
        PERFORM set_config('cert.audit_prune', 'on', true);
        DELETE FROM audit_log WHERE at < before;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('cert.audit_prune', 'off', true);
        PERFORM audit_write('prune', 'audit_log', NULL, ARRAY[]::text[], NULL, jsonb_build_object('before', before, 'deleted', removed));
        RETURN removed;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.tx = txid_current() AND NEW.id = OLD.id AND NEW.tx = OLD.tx
           AND (NEW.at, NEW.actor_id, NEW.actor_name, NEW.source, NEW.action, NEW.table_name, NEW.record_id, NEW.anchors, NEW.changes)
               IS NOT DISTINCT FROM (OLD.at, OLD.actor_id, OLD.actor_name, OLD.source, OLD.action, OLD.table_name, OLD.record_id, OLD.anchors, OLD.changes) THEN
          RETURN NEW; -- a summary's counts, amended by the transaction that wrote it
        END IF;
        IF TG_OP = 'DELETE' AND current_setting('cert.audit_prune', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the change history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`ALTER FUNCTION audit_row() SECURITY INVOKER RESET search_path`);
    await queryRunner.query(`ALTER FUNCTION audit_bulk() SECURITY INVOKER RESET search_path`);
    await queryRunner.query(`DROP FUNCTION audit_write(text, text, text, text[], jsonb, jsonb)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_write(action text, table_name text, record_id text, anchors text[], changes jsonb, details jsonb) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        actor jsonb := audit_actor();
      BEGIN
        INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, changes, details)
        VALUES (
          (actor->>'id')::integer,
          left(coalesce(actor->>'name', session_user), 300),
          left(coalesce(actor->>'source', 'sql'), 20),
          CASE WHEN action = 'insert' AND actor->>'restoring' = 'true' THEN 'restore' ELSE action END,
          table_name, left(record_id, 40), anchors, changes,
          nullif(coalesce(details, '{}') || coalesce(actor - 'id' - 'name' - 'source' - 'restoring', '{}'), '{}'));
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_actor() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      DECLARE
        raw text := current_setting('cert.actor', true);
      BEGIN
        IF raw IS NOT NULL AND raw <> '' THEN
          BEGIN
            RETURN raw::jsonb;
          EXCEPTION WHEN others THEN
            NULL; -- a malformed setting is not a reason to refuse the write: record the session instead
          END;
        END IF;
        RETURN jsonb_build_object('name', session_user || ' (' || coalesce(nullif(current_setting('application_name', true), ''), 'SQL') || ')', 'source', 'sql');
      END $$`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "db_role"`);
    // the roles stay: they are the cluster's, and other databases may use them
  }
}
