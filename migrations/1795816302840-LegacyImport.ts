import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The move-in from the old service (`cert import legacy`, src/legacy/):
 *
 * - `legacy_runs`: one row per run, written only by `legacy_run_begin(source)` (SECURITY DEFINER; the writers may read
 *   the table, not write it). While a run's transaction holds its row, the per-row history triggers do not record the
 *   rows that transaction INSERTS (updates and deletes are recorded as always); instead, at commit, a deferred trigger
 *   writes one summary entry per table with the number of rows that transaction inserted, counted by PostgreSQL
 *   itself (xmin), with the run's source and who ran it. A writer that starts a run to insert quietly is therefore
 *   still in the history: the run, its author and its per-table counts.
 * - `legacy_ids`: the old id of every record brought across (by table), its new id, what was done with it and the
 *   old dates; the card's «№ в старой системе» and the record's first history line «перенесено из старой системы»
 *   come from it, and a second run knows what the first brought.
 * - `fk_messages_parent` and `fk_organizations_messages_message` become deferrable (still checked at once unless a
 *   transaction defers them): letters are brought in the old ids' order and a reply may come before the letter it
 *   answers; a letter's links are written before the letter, so that its search text is made once, with its
 *   organizations, as the letter is inserted (the trigger now looks for links on INSERT too: one index probe), and
 *   not made again by the links' trigger — which doubled the 300,000 letters' rows and indexes.
 */
export class LegacyImport1795816302840 implements MigrationInterface {
  name = 'LegacyImport1795816302840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "legacy_runs" (
        "id" SERIAL NOT NULL,
        "tx" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "source" text NOT NULL,
        "actor_name" text,
        "db_role" text NOT NULL DEFAULT session_user,
        CONSTRAINT "pk_legacy_runs" PRIMARY KEY ("id"),
        CONSTRAINT "uq_legacy_runs_tx" UNIQUE ("tx"))`);
    await queryRunner.query(`
      CREATE TABLE "legacy_ids" (
        "table_name" text NOT NULL,
        "old_id" text NOT NULL,
        "new_id" integer,
        "run_id" integer NOT NULL,
        "outcome" text NOT NULL,
        "old_created" TIMESTAMP WITH TIME ZONE,
        "old_updated" TIMESTAMP WITH TIME ZONE,
        "notes" jsonb,
        CONSTRAINT "pk_legacy_ids" PRIMARY KEY ("table_name", "old_id"),
        CONSTRAINT "ck_legacy_ids_outcome" CHECK (outcome IN ('imported', 'merged', 'skipped')),
        CONSTRAINT "fk_legacy_ids_run" FOREIGN KEY ("run_id") REFERENCES "legacy_runs"("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_legacy_ids_new_id" ON "legacy_ids" ("table_name", "new_id")`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "legacy_runs" FROM cert_writer`);

    await queryRunner.query(`
      CREATE FUNCTION legacy_run_begin(source text) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        run integer;
      BEGIN
        INSERT INTO legacy_runs (source, actor_name, db_role) VALUES (left(source, 500), left(audit_actor()->>'name', 300), session_user)
        RETURNING id INTO run;
        RETURN run;
      END $$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION legacy_run_begin(text) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION legacy_run_begin(text) TO cert_writer`);

    await queryRunner.query(`
      CREATE FUNCTION legacy_run_active() RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        SELECT EXISTS (SELECT 1 FROM legacy_runs WHERE tx = pg_current_xact_id_if_assigned())
      $$`);

    // the summary, at commit: rows inserted by this transaction, counted by PostgreSQL
    await queryRunner.query(`
      CREATE FUNCTION legacy_run_summary() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        t text;
        n bigint;
        me xid := (pg_current_xact_id()::text::bigint % 4294967296)::text::xid;
      BEGIN
        FOREACH t IN ARRAY ARRAY['organizations', 'messages', 'organizations_messages', 'resources', 'resources_regions',
                                 'resources_industries', 'responsibilities', 'industries', 'org_adm_docs', 'organization_documents'] LOOP
          EXECUTE format('SELECT count(*) FROM %I WHERE xmin = $1', t) INTO n USING me;
          IF n > 0 THEN
            PERFORM audit_write('bulk', t, NULL, ARRAY[t], NULL,
              jsonb_build_object('inserted', n, 'legacyRun', NEW.id, 'legacySource', NEW.source));
          END IF;
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER tr_legacy_runs_summary AFTER INSERT ON legacy_runs
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION legacy_run_summary()`);

    // the per-row history leaves a run's inserts to the run's summary
    const definition: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef('audit_row'::regproc) AS def`);
    const original = definition[0]!.def;
    const marker = 'BEGIN\n';
    const at = original.indexOf(marker, original.indexOf('AS $function$'));
    if (at < 0) throw new Error('audit_row: unexpected definition');
    const patched =
      original.slice(0, at + marker.length) +
      `        IF TG_OP = 'INSERT' AND legacy_run_active() THEN\n          RETURN NULL; -- counted by the run's summary (migration LegacyImport)\n        END IF;\n` +
      original.slice(at + marker.length);
    await queryRunner.query(patched);

    await queryRunner.query(`ALTER TABLE "messages" ALTER CONSTRAINT "fk_messages_parent" DEFERRABLE INITIALLY IMMEDIATE`);
    await queryRunner.query(`ALTER TABLE "organizations_messages" ALTER CONSTRAINT "fk_organizations_messages_message" DEFERRABLE INITIALLY IMMEDIATE`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
         BEGIN
           NEW.search_text := registry_search_text(coalesce(NEW.our_number, '') || ' ' || coalesce(NEW.their_number, ''), NEW.information);
           -- a letter's links are usually inserted after it (their trigger then makes the text again), by the move-in before it
             -- each organization by its key: a plan that stays an index lookup whatever the tables' statistics say
             NEW.search_text := NEW.search_text
               || coalesce((SELECT registry_search_text(string_agg((SELECT concat_ws(' ', o.short_name, o.full_name, o.inn)
                                                                      FROM organizations o WHERE o.id = om.organization_id), ' '), NULL)
                              FROM organizations_messages om WHERE om.message_id = NEW.id), '');
           RETURN NEW;
         END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
         BEGIN
           NEW.search_text := registry_search_text(coalesce(NEW.our_number, '') || ' ' || coalesce(NEW.their_number, ''), NEW.information);
           -- a new letter has no links yet (they are inserted after it, and their trigger makes the text again)
           IF TG_OP = 'UPDATE' THEN
             -- each organization by its key: a plan that stays an index lookup whatever the tables' statistics say
             NEW.search_text := NEW.search_text
               || coalesce((SELECT registry_search_text(string_agg((SELECT concat_ws(' ', o.short_name, o.full_name, o.inn)
                                                                      FROM organizations o WHERE o.id = om.organization_id), ' '), NULL)
                              FROM organizations_messages om WHERE om.message_id = NEW.id), '');
           END IF;
           RETURN NEW;
         END $$`);
    await queryRunner.query(`ALTER TABLE "organizations_messages" ALTER CONSTRAINT "fk_organizations_messages_message" NOT DEFERRABLE`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER CONSTRAINT "fk_messages_parent" NOT DEFERRABLE`);
    const definition: { def: string }[] = await queryRunner.query(`SELECT pg_get_functiondef('audit_row'::regproc) AS def`);
    await queryRunner.query(
      definition[0]!.def.replace(
        `        IF TG_OP = 'INSERT' AND legacy_run_active() THEN\n          RETURN NULL; -- counted by the run's summary (migration LegacyImport)\n        END IF;\n`,
        '',
      ),
    );
    await queryRunner.query(`DROP TRIGGER tr_legacy_runs_summary ON legacy_runs`);
    await queryRunner.query(`DROP FUNCTION legacy_run_summary()`);
    await queryRunner.query(`DROP FUNCTION legacy_run_active()`);
    await queryRunner.query(`DROP FUNCTION legacy_run_begin(text)`);
    await queryRunner.query(`DROP TABLE "legacy_ids"`);
    await queryRunner.query(`DROP TABLE "legacy_runs"`);
  }
}
