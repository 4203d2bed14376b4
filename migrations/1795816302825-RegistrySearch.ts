import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fast lists over large tables:
 * - search that ignores case, ё/е and punctuation: `registry_search_text()` gives a normalised text (the same
 *   rules as src/domain/search-text.ts); triggers keep it in a `search_text` column of organizations, letters
 *   and resources, with a trigram index, so `search_text LIKE '%word%'` is served by the index and rechecked
 *   cheaply. INN/KPP/OGRN prefixes are searched as ranges on their B-tree indexes (a KPP index is added);
 * - exact row counts of organizations and letters kept by statement triggers in `row_counts`, so an
 *   unfiltered list does not count a million rows on every page.
 */
export class RegistrySearch1795816302825 implements MigrationInterface {
  name = 'RegistrySearch1795816302825';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE FUNCTION registry_search_text(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT regexp_replace(lower(translate(coalesce(a, '') || ' ' || coalesce(b, ''), 'ЁёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'ееабвгдежзийклмнопрстуфхцчшщъыьэюя')), '[^0-9a-zа-я]+', ' ', 'g')
       $$`,
    );
    const searchable: [table: string, a: string, b: string][] = [
      ['organizations', 'NEW.full_name', 'NEW.short_name'],
      ['messages', `coalesce(NEW.our_number, '') || ' ' || coalesce(NEW.their_number, '')`, 'NEW.information'],
      ['resources', 'NEW.name', 'NEW.fstec_reg_number'],
    ];
    for (const [table, a, b] of searchable) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "search_text" text`);
      await queryRunner.query(
        `CREATE FUNCTION ${table}_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN NEW.search_text := registry_search_text(${a}, ${b}); RETURN NEW; END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_search_text BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${table}_search_text()`,
      );
      await queryRunner.query(`UPDATE "${table}" SET search_text = NULL`); // the trigger fills it
      await queryRunner.query(`CREATE INDEX "ix_${table}_search_trgm" ON "${table}" USING gin ("search_text" gin_trgm_ops)`);
    }
    await queryRunner.query(`CREATE INDEX "ix_organizations_kpp" ON "organizations" ("kpp")`);
    // region with id: a region or district filter is answered from the index alone (no table visits)
    await queryRunner.query(`DROP INDEX "ix_organizations_region_id"`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_region_id" ON "organizations" ("region_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_updated_at" ON "organizations" ("updated_at")`);
    await queryRunner.query(`CREATE INDEX "ix_messages_created_at" ON "messages" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_resources_updated_at" ON "resources" ("updated_at")`);

    await queryRunner.query(
      `CREATE TABLE "row_counts" ("table_name" text NOT NULL, "n" bigint NOT NULL, CONSTRAINT "pk_row_counts" PRIMARY KEY ("table_name"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION row_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'INSERT' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM changed_rows) WHERE table_name = TG_TABLE_NAME;
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE row_counts SET n = n - (SELECT count(*) FROM changed_rows) WHERE table_name = TG_TABLE_NAME;
           ELSE
             UPDATE row_counts SET n = 0 WHERE table_name = TG_TABLE_NAME;
           END IF;
           RETURN NULL;
         END $$`,
    );
    // resources: only those not deleted (a soft delete is an UPDATE of deleted_at)
    await queryRunner.query(
      `CREATE FUNCTION resources_count_track() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'INSERT' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL) WHERE table_name = 'resources';
           ELSIF TG_OP = 'UPDATE' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL) - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL)
             WHERE table_name = 'resources';
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE row_counts SET n = n - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL) WHERE table_name = 'resources';
           ELSE
             UPDATE row_counts SET n = 0 WHERE table_name = 'resources';
           END IF;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(`INSERT INTO row_counts (table_name, n) SELECT 'resources', count(*) FROM resources WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE TRIGGER tr_resources_count_insert AFTER INSERT ON resources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_resources_count_update AFTER UPDATE ON resources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_resources_count_delete AFTER DELETE ON resources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_resources_count_truncate AFTER TRUNCATE ON resources FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track()`,
    );

    for (const table of ['organizations', 'messages']) {
      await queryRunner.query(`INSERT INTO row_counts (table_name, n) SELECT '${table}', count(*) FROM "${table}"`);
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_count_insert AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER tr_${table}_count_delete AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track()`,
      );
      await queryRunner.query(`CREATE TRIGGER tr_${table}_count_truncate AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['truncate', 'delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER tr_resources_count_${event} ON resources`);
    await queryRunner.query(`DROP FUNCTION resources_count_track()`);
    for (const table of ['organizations', 'messages']) {
      await queryRunner.query(`DROP TRIGGER tr_${table}_count_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER tr_${table}_count_delete ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER tr_${table}_count_insert ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION row_counts_track()`);
    await queryRunner.query(`DROP TABLE "row_counts"`);
    await queryRunner.query(`DROP INDEX "ix_resources_updated_at"`);
    await queryRunner.query(`DROP INDEX "ix_messages_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_updated_at"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_region_id"`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_region_id" ON "organizations" ("region_id")`);
    await queryRunner.query(`DROP INDEX "ix_organizations_kpp"`);
    for (const table of ['resources', 'messages', 'organizations']) {
      await queryRunner.query(`DROP INDEX "ix_${table}_search_trgm"`);
      await queryRunner.query(`DROP TRIGGER tr_${table}_search_text ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION ${table}_search_text()`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_text"`);
    }
    await queryRunner.query(`DROP FUNCTION registry_search_text(text, text)`);
  }
}
