import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_TRANSLATE_FROM, SEARCH_TRANSLATE_TO } from '../src/domain/search-text.js';

/**
 * Search that ignores case, ё/е and punctuation: an immutable function giving a normalised text
 * (src/domain/search-text.ts has the same rules) and trigram indexes over it for organizations' names and
 * letters' numbers and text, so `LIKE '%word%'` is served by an index. Digit prefixes of INN/KPP/OGRN are
 * searched as ranges on their B-tree indexes (a KPP index is added).
 */
export class RegistrySearch1795816302825 implements MigrationInterface {
  name = 'RegistrySearch1795816302825';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE FUNCTION registry_search_text(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT regexp_replace(lower(translate(coalesce(a, '') || ' ' || coalesce(b, ''), '${SEARCH_TRANSLATE_FROM}', '${SEARCH_TRANSLATE_TO}')), '[^0-9a-zа-я]+', ' ', 'g')
       $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organizations_search_trgm" ON "organizations" USING gin (registry_search_text("full_name", "short_name") gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organizations_kpp" ON "organizations" ("kpp")`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_updated_at" ON "organizations" ("updated_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_messages_search_trgm" ON "messages" USING gin (registry_search_text(coalesce("our_number", '') || ' ' || coalesce("their_number", ''), "information") gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_messages_created_at" ON "messages" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_resources_search_trgm" ON "resources" USING gin (registry_search_text("name", "fstec_reg_number") gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_resources_search_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_messages_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_messages_search_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_updated_at"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_kpp"`);
    await queryRunner.query(`DROP INDEX "ix_organizations_search_trgm"`);
    await queryRunner.query(`DROP FUNCTION registry_search_text(text, text)`);
  }
}
