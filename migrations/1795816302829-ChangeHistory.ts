import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change history (`audit_log`), kept by the database itself so that no write goes around it: panel, CLI,
 * imports and plain psql all pass through the same triggers.
 *
 * - Who: the application sets a transaction-local `cert.actor` (JSON: user id and name, source, command, address)
 *   at the start of each of its transactions (src/engine/db/actor.ts). A write without it (psql, a script) is recorded
 *   with the database user and the client's application_name.
 * - Rows: every INSERT, UPDATE and DELETE of a registry table is one entry with the changed columns as
 *   {column: [old, new]} (a delete keeps the whole row, so it can be restored). An UPDATE that changes nothing a
 *   person would see (updated_at, search texts, last login time) is not recorded. The password hash is never
 *   copied: its change is marked by «•».
 * - Anchors: the cards an entry shows on ('messages:5', 'organizations:7'): a letter's link to an organization
 *   shows on both, a document on its organization's card.
 * - The postal index (61k rows) is recorded per transaction as one summary entry with counts, by statement triggers.
 * - Append-only: UPDATE, DELETE and TRUNCATE of audit_log are refused, except an amendment of an entry inside the
 *   transaction that wrote it (the postal-index summary adds its counts) and `audit_prune(before)`.
 */
export class ChangeHistory1795816302829 implements MigrationInterface {
  name = 'ChangeHistory1795816302829';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "tx" bigint NOT NULL DEFAULT txid_current(),
        "actor_id" integer,
        "actor_name" text NOT NULL,
        "source" character varying(20) NOT NULL,
        "action" character varying(20) NOT NULL,
        "table_name" character varying(63),
        "record_id" character varying(40),
        "anchors" text array NOT NULL DEFAULT '{}',
        "changes" jsonb,
        "details" jsonb,
        CONSTRAINT "ck_audit_log_action" CHECK (action IN ('insert', 'update', 'delete', 'soft_delete', 'restore', 'bulk', 'login', 'login_failed', 'logout', 'prune')),
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_anchors" ON "audit_log" USING gin ("anchors")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_actor_id" ON "audit_log" ("actor_id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_table_record" ON "audit_log" ("table_name", "record_id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_tx" ON "audit_log" ("tx")`);

    // who is writing: the application's transaction-local setting, or the database session's own identity
    await queryRunner.query(`
      CREATE FUNCTION audit_actor() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
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

    // one row: TG_ARGV[0] = the key columns joined by ',', TG_ARGV[1..] = anchors as 'table:column'
    await queryRunner.query(`
      CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        row_now jsonb := coalesce(new_row, old_row);
        quiet text[] := CASE WHEN TG_OP = 'DELETE' THEN ARRAY['search_text'] ELSE ARRAY['search_text', 'created_at', 'updated_at', 'last_login_at'] END;
        diff jsonb;
        act text := lower(TG_OP);
        key text;
        anchors text[] := ARRAY[]::text[];
        spec text;
        i integer;
      BEGIN
        SELECT jsonb_object_agg(k, CASE WHEN k = 'password_hash' THEN '["•", "•"]'::jsonb ELSE jsonb_build_array(o, n) END)
          INTO diff
          FROM (SELECT coalesce(a.key, b.key) AS k, a.value AS o, b.value AS n
                  FROM jsonb_each(old_row) a FULL JOIN jsonb_each(new_row) b ON a.key = b.key) pairs
         WHERE k <> ALL (quiet) AND coalesce(o, 'null') IS DISTINCT FROM coalesce(n, 'null');
        IF diff IS NULL THEN
          RETURN NULL; -- nothing a person would see has changed
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF diff ? 'deleted_at' AND (old_row->>'deleted_at') IS NULL THEN act := 'soft_delete';
          ELSIF diff ? 'deleted_at' AND (new_row->>'deleted_at') IS NULL THEN act := 'restore';
          ELSIF diff ? 'is_active' AND (new_row->>'is_active')::boolean = false THEN act := 'soft_delete';
          ELSIF diff ? 'is_active' AND (new_row->>'is_active')::boolean = true THEN act := 'restore';
          END IF;
        END IF;
        SELECT string_agg(row_now->>k, '/') INTO key FROM unnest(string_to_array(TG_ARGV[0], ',')) AS k;
        FOR i IN 1 .. TG_NARGS - 1 LOOP
          spec := TG_ARGV[i];
          IF old_row->>split_part(spec, ':', 2) IS NOT NULL THEN
            anchors := anchors || (split_part(spec, ':', 1) || ':' || (old_row->>split_part(spec, ':', 2)));
          END IF;
          IF new_row->>split_part(spec, ':', 2) IS NOT NULL AND NOT (split_part(spec, ':', 1) || ':' || (new_row->>split_part(spec, ':', 2))) = ANY (anchors) THEN
            anchors := anchors || (split_part(spec, ':', 1) || ':' || (new_row->>split_part(spec, ':', 2)));
          END IF;
        END LOOP;
        PERFORM audit_write(act, TG_TABLE_NAME, key, anchors, diff, NULL);
        RETURN NULL;
      END $$`);

    // many rows (the postal index): one summary entry per table and transaction, with counts
    await queryRunner.query(`
      CREATE FUNCTION audit_bulk() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        counted bigint;
        field text := CASE TG_OP WHEN 'INSERT' THEN 'inserted' WHEN 'UPDATE' THEN 'updated' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END;
        entry bigint;
      BEGIN
        IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN SELECT count(*) INTO counted FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN SELECT count(*) INTO counted FROM old_rows;
        ELSE counted := NULL; END IF;
        IF counted = 0 THEN RETURN NULL; END IF;
        SELECT id INTO entry FROM audit_log WHERE tx = txid_current() AND action = 'bulk' AND table_name = TG_TABLE_NAME ORDER BY id DESC LIMIT 1;
        IF entry IS NULL THEN
          PERFORM audit_write('bulk', TG_TABLE_NAME, NULL, ARRAY[TG_TABLE_NAME], NULL, jsonb_build_object(field, coalesce(counted, 0)));
        ELSE
          UPDATE audit_log SET details = jsonb_set(details, ARRAY[field], to_jsonb(coalesce((details->>field)::bigint, 0) + coalesce(counted, 0)))
           WHERE id = entry;
        END IF;
        RETURN NULL;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await queryRunner.query(`CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    // trimming, for admins who must (cert audit prune): itself recorded, with what was removed
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

    for (const [table, args] of AUDITED_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_row(${args.map((a) => `'${a}'`).join(', ')})`,
      );
    }
    await queryRunner.query(
      `CREATE TRIGGER tr_addresses_audit_insert AFTER INSERT ON addresses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_addresses_audit_update AFTER UPDATE ON addresses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_addresses_audit_delete AFTER DELETE ON addresses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk()`,
    );
    await queryRunner.query(`CREATE TRIGGER tr_addresses_audit_truncate AFTER TRUNCATE ON addresses FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const suffix of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER tr_addresses_audit_${suffix} ON addresses`);
    for (const [table] of AUDITED_TABLES) await queryRunner.query(`DROP TRIGGER tr_${table}_audit ON "${table}"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    for (const fn of [
      'audit_prune(timestamptz)',
      'audit_log_append_only()',
      'audit_bulk()',
      'audit_row()',
      'audit_write(text, text, text, text[], jsonb, jsonb)',
      'audit_actor()',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
  }
}

/** Each registry table with its key columns and the cards its changes show on (`table:column`). */
const AUDITED_TABLES: [table: string, args: string[]][] = [
  ['organizations', ['id', 'organizations:id']],
  ['messages', ['id', 'messages:id']],
  ['organizations_messages', ['message_id,organization_id', 'messages:message_id', 'organizations:organization_id']],
  ['resources', ['id', 'resources:id']],
  ['resources_regions', ['resource_id,region_id', 'resources:resource_id']],
  ['resources_industries', ['resource_id,industry_id', 'resources:resource_id']],
  ['responsibilities', ['id', 'responsibilities:id', 'organizations:organization_id', 'resources:resource_id']],
  ['organization_documents', ['id', 'organization_documents:id', 'organizations:organization_id']],
  ['users', ['id', 'users:id']],
  ['org_adm_docs', ['id', 'org_adm_docs:id']],
  ['industries', ['id', 'industries:id']],
  ['regions', ['id', 'regions:id']],
  ['okrugs', ['id', 'okrugs:id']],
];
