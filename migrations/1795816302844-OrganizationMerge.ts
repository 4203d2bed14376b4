import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging two organizations (issue 26), undone exactly:
 * - `organizations.merged_into_id`: the merged (deactivated) card points to the one kept;
 * - `organization_merges`: one row per merge with both cards as they were, the versions they were left with and
 *   every related row that moved, per table (what no other registry keeps, and what makes an exact undo possible);
 * - the per-row history stays quiet inside a merge's or an undo's transaction (`merge_active()`): the merge is one
 *   entry on both cards ('merge', 'merge_undo'), with the fields' values and the moved rows' ids.
 */
export class OrganizationMerge1795816302844 implements MigrationInterface {
  name = 'OrganizationMerge1795816302844';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "merged_into_id" integer`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "fk_organizations_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // a merged card is inactive and not merged into itself
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "ck_organizations_merged_inactive" CHECK (merged_into_id IS NULL OR (NOT is_active AND merged_into_id <> id))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organizations_merged_into_id" ON "organizations" ("merged_into_id") WHERE merged_into_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "organization_merges" (
        "id" SERIAL NOT NULL,
        "tx" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "kept_id" integer NOT NULL,
        "merged_id" integer NOT NULL,
        "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "actor_id" integer,
        "kept_before" jsonb NOT NULL,
        "merged_before" jsonb NOT NULL,
        "kept_version" integer,
        "merged_version" integer,
        "fields" jsonb NOT NULL DEFAULT '{}',
        "moved" jsonb NOT NULL DEFAULT '{}',
        "undone_at" TIMESTAMP WITH TIME ZONE,
        "undo_tx" xid8,
        "undone_by" integer,
        CONSTRAINT "pk_organization_merges" PRIMARY KEY ("id"),
        CONSTRAINT "ck_organization_merges_two" CHECK (kept_id <> merged_id),
        CONSTRAINT "fk_organization_merges_kept" FOREIGN KEY ("kept_id") REFERENCES "organizations"("id"),
        CONSTRAINT "fk_organization_merges_merged" FOREIGN KEY ("merged_id") REFERENCES "organizations"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_organization_merges_tx" ON "organization_merges" ("tx")`);
    await queryRunner.query(`CREATE INDEX "ix_organization_merges_undo_tx" ON "organization_merges" ("undo_tx") WHERE undo_tx IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_organization_merges_kept_id" ON "organization_merges" ("kept_id")`);
    await queryRunner.query(`CREATE INDEX "ix_organization_merges_merged_id" ON "organization_merges" ("merged_id")`);
    await queryRunner.query(`
      CREATE FUNCTION merge_active() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        SELECT EXISTS (SELECT 1 FROM organization_merges WHERE tx = pg_current_xact_id_if_assigned())
            OR EXISTS (SELECT 1 FROM organization_merges WHERE undo_tx = pg_current_xact_id_if_assigned())
      $$`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "ck_audit_log_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "ck_audit_log_action" CHECK (action IN ('insert', 'update', 'delete', 'soft_delete', 'restore', 'bulk', 'login', 'login_failed', 'logout', 'prune', 'merge', 'merge_undo'))`,
    );
    // the merge's one entry, written as the history's owner; only for a merge (or its undo) of this very transaction,
    // so the application cannot write an entry of its choosing (audit_write is not the writers' to call)
    await queryRunner.query(`
      CREATE FUNCTION merge_history(p_merge integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
          m organization_merges;
          me xid8 := pg_current_xact_id();
        BEGIN
          SELECT * INTO m FROM organization_merges WHERE id = p_merge AND (tx = me OR undo_tx = me);
          IF NOT FOUND THEN
            RAISE EXCEPTION 'merge_history: merge % is not this transaction''s', p_merge;
          END IF;
          IF m.undo_tx = me THEN
            PERFORM audit_write('merge_undo', 'organizations', m.kept_id::text,
              ARRAY['organizations:' || m.kept_id, 'organizations:' || m.merged_id], NULL,
              jsonb_build_object('merge', m.id, 'kept', m.kept_id, 'merged', m.merged_id));
          ELSE
            PERFORM audit_write('merge', 'organizations', m.kept_id::text,
              ARRAY['organizations:' || m.kept_id, 'organizations:' || m.merged_id],
              (SELECT jsonb_object_agg(key, jsonb_build_array(value->'kept', value->'chosen')) FROM jsonb_each(m.fields)),
              jsonb_build_object('merge', m.id, 'kept', m.kept_id, 'merged', m.merged_id, 'moved', m.moved));
          END IF;
        END $$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION merge_history(integer) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION merge_history(integer) TO cert_writer`);

    // nothing new attaches to a merged card. The check runs after the foreign key's own check has locked the card
    // (RI triggers fire before these, by name; a statement's triggers after its rows'): a link made while the card is
    // being merged waits for the merge there, and this check's fresh snapshot then sees the card merged. No row
    // locks of its own: a bulk insert (375,000 letters' links in a move-in) pays one query per statement.
    await queryRunner.query(`
      CREATE FUNCTION organization_not_merged() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          merged_one integer;
          into_id integer;
        BEGIN
          IF TG_LEVEL = 'STATEMENT' THEN
            EXECUTE format('SELECT o.id, o.merged_into_id FROM organizations o WHERE o.merged_into_id IS NOT NULL
                              AND o.id IN (SELECT %I FROM new_rows) LIMIT 1', TG_ARGV[0]) INTO merged_one, into_id;
          ELSE
            SELECT o.id, o.merged_into_id INTO merged_one, into_id FROM organizations o
             WHERE o.id = (to_jsonb(NEW)->>TG_ARGV[0])::integer AND o.merged_into_id IS NOT NULL;
          END IF;
          IF into_id IS NOT NULL THEN
            RAISE EXCEPTION 'Организация № % объединена с организацией № %: привяжите запись к ней', merged_one, into_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_organization_not_merged';
          END IF;
          RETURN NULL;
        END $$`);
    for (const [table, column] of MERGE_GUARDED) {
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_not_merged_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_not_merged('${column}')`,
      );
      // a row moved to another organization (a row left on a merged card may still be edited otherwise)
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_not_merged_update AFTER UPDATE OF ${column} ON ${table} FOR EACH ROW WHEN (OLD.${column} IS DISTINCT FROM NEW.${column}) EXECUTE FUNCTION organization_not_merged('${column}')`,
      );
    }

    // a letter's search text lists its organizations in a fixed order (it followed the links' physical order: a merge
    // and its undo left the same words in another order)
    await patchFunction(queryRunner, 'messages_search_text', SEARCH_TEXT_UNORDERED, SEARCH_TEXT_ORDERED);

    // the per-row history leaves a merge's (and its undo's) changes to the merge's one entry
    const definition: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef('audit_row'::regproc) AS def`);
    const original = definition[0]!.def;
    // (just before the entry is written: a row that would not be recorded anyway, a legacy import's insert, pays nothing)
    const marker = '        PERFORM audit_write(act,';
    const at = original.indexOf(marker, original.indexOf('AS $function$'));
    if (at < 0) throw new Error('audit_row: unexpected definition');
    await queryRunner.query(original.slice(0, at) + MERGE_QUIET + original.slice(at));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await patchFunction(queryRunner, 'messages_search_text', SEARCH_TEXT_ORDERED, SEARCH_TEXT_UNORDERED);
    const definition: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef('audit_row'::regproc) AS def`);
    await queryRunner.query(definition[0]!.def.replace(MERGE_QUIET, ''));
    await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "ck_audit_log_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "ck_audit_log_action" CHECK (action IN ('insert', 'update', 'delete', 'soft_delete', 'restore', 'bulk', 'login', 'login_failed', 'logout', 'prune')) NOT VALID`,
    );
    await queryRunner.query(`DROP FUNCTION organization_not_merged() CASCADE`);
    await queryRunner.query(`DROP FUNCTION merge_history(integer)`);
    await queryRunner.query(`DROP FUNCTION merge_active()`);
    await queryRunner.query(`DROP TABLE "organization_merges"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_merged_into_id"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "ck_organizations_merged_inactive"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "fk_organizations_merged_into"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "merged_into_id"`);
  }
}

/** Rows that point to an organization and may not be attached to a merged one. */
const MERGE_GUARDED: [table: string, column: string][] = [
  ['organizations_messages', 'organization_id'],
  ['organization_documents', 'organization_id'],
  ['resources', 'owner_id'],
  ['responsibilities', 'organization_id'],
  ['organizations', 'head_id'],
];

const MERGE_QUIET = `        IF merge_active() THEN\n          RETURN NULL; -- the merge's own entry tells it (migration OrganizationMerge)\n        END IF;\n`;

const SEARCH_TEXT_UNORDERED = `FROM organizations o WHERE o.id = om.organization_id), ' ')`;
const SEARCH_TEXT_ORDERED = `FROM organizations o WHERE o.id = om.organization_id), ' ' ORDER BY om.organization_id)`;

async function patchFunction(queryRunner: QueryRunner, name: string, from: string, to: string): Promise<void> {
  const [row]: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef($1::regproc) AS def`, [name]);
  const def = row?.def ?? '';
  if (!def.includes(from)) throw new Error(`${name}: unexpected definition`);
  await queryRunner.query(def.replace(from, to));
}
