import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organizations' search box finds what its placeholder promises: the words of an organization's address and of its
 * region's name are in its search text too («ромашка москва» finds АО «РОМАШКА» in Москва; «ромашка 125212» by the
 * postal code). A region renamed: its organizations' search texts follow. The letters' search text (names and INNs of
 * their organizations) is unchanged.
 */
export class SearchByPlace1795816302841 implements MigrationInterface {
  name = 'SearchByPlace1795816302841';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION organizations_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           NEW.search_text := registry_search_text(
             concat_ws(' ', NEW.full_name, NEW.short_name),
             concat_ws(' ', NEW.factual_address, (SELECT r.name FROM regions r WHERE r.id = NEW.region_id)));
           RETURN NEW;
         END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION organizations_search_text_of_region() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE organizations SET search_text = NULL WHERE region_id = NEW.id;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_regions_organizations_search AFTER UPDATE OF name ON regions FOR EACH ROW
         WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION organizations_search_text_of_region()`,
    );
    await queryRunner.query(`UPDATE organizations SET search_text = NULL`); // the trigger fills it
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_regions_organizations_search ON regions`);
    await queryRunner.query(`DROP FUNCTION organizations_search_text_of_region()`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION organizations_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN NEW.search_text := registry_search_text(NEW.full_name, NEW.short_name); RETURN NEW; END $$`,
    );
    await queryRunner.query(`UPDATE organizations SET search_text = NULL`);
  }
}
