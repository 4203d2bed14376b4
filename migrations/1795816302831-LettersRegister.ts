import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters as a register (issue 15):
 * - `registration_number_key()`: a registration number reduced to lower-case letters and digits (the same rule as
 *   src/domain/search-text.ts), with prefix indexes on both numbers, so «ИСХ-1234» finds the letter numbered
 *   «исх 1234» and «ИСХ-12345», never «ИСХ-631234»;
 * - a letter's search text also holds its organizations' names and INNs (kept by triggers on the links and on an
 *   organization's name and INN), so the letters' search finds «ромашка» or an INN with one trigram index, as fast
 *   as a word of the letter itself (matching the organizations at query time took 85–290 ms at 300,000 letters);
 * - an incoming letter's executor (a user) and answer due date («срок ответа»).
 */
export class LettersRegister1795816302831 implements MigrationInterface {
  name = 'LettersRegister1795816302831';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION registration_number_key(number text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT regexp_replace(lower(translate(coalesce(number, ''), 'ЁёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'ееабвгдежзийклмнопрстуфхцчшщъыьэюя')), '[^0-9a-zа-я]+', '', 'g')
       $$`,
    );
    await queryRunner.query(`CREATE INDEX "ix_messages_our_number_key" ON "messages" (registration_number_key("our_number") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_messages_their_number_key" ON "messages" (registration_number_key("their_number") text_pattern_ops)`);

    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
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
         END $$`,
    );
    // a letter's links changed: its search text is made again (search_text-only updates are not in the history)
    await queryRunner.query(
      `CREATE FUNCTION messages_search_text_of_links() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE messages SET search_text = NULL WHERE id IN (SELECT message_id FROM changed_links);
           RETURN NULL;
         END $$`,
    );
    for (const [event, table] of [
      ['INSERT', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER tr_organizations_messages_search_${event.toLowerCase()} AFTER ${event} ON organizations_messages
           REFERENCING ${table} TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION messages_search_text_of_links()`,
      );
    }
    // an organization renamed (or its INN corrected): its letters' search texts follow
    await queryRunner.query(
      `CREATE FUNCTION messages_search_text_of_organization() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE messages SET search_text = NULL WHERE id IN (SELECT message_id FROM organizations_messages WHERE organization_id = NEW.id);
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_organizations_letters_search AFTER UPDATE OF full_name, short_name, inn ON organizations FOR EACH ROW
         WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.short_name IS DISTINCT FROM NEW.short_name OR OLD.inn IS DISTINCT FROM NEW.inn)
         EXECUTE FUNCTION messages_search_text_of_organization()`,
    );
    // planned on every call with the tables' current size: a plan cached by a connection while the links table was
    // still empty (a fresh registry) would scan the whole table for every letter once it has grown (measured: a bulk
    // insert of 330,000 links ran for over 8 minutes on such a plan)
    for (const fn of ['messages_search_text()', 'messages_search_text_of_links()', 'messages_search_text_of_organization()']) {
      await queryRunner.query(`ALTER FUNCTION ${fn} SET plan_cache_mode = force_custom_plan`);
    }
    await queryRunner.query(`UPDATE messages SET search_text = NULL`); // the trigger fills it, with the organizations

    await queryRunner.query(`ALTER TABLE "messages" ADD "executor_id" integer`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "due_date" date`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "ck_messages_due_date_incoming" CHECK (direction = 'incoming' OR due_date IS NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_messages_executor_id" ON "messages" ("executor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_messages_due_date" ON "messages" ("due_date") `);
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "fk_messages_executor" FOREIGN KEY ("executor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "fk_messages_executor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_due_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_executor_id"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "ck_messages_due_date_incoming"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "due_date"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "executor_id"`);
    await queryRunner.query(`DROP TRIGGER tr_organizations_letters_search ON organizations`);
    await queryRunner.query(`DROP FUNCTION messages_search_text_of_organization()`);
    await queryRunner.query(`DROP TRIGGER tr_organizations_messages_search_insert ON organizations_messages`);
    await queryRunner.query(`DROP TRIGGER tr_organizations_messages_search_delete ON organizations_messages`);
    await queryRunner.query(`DROP FUNCTION messages_search_text_of_links()`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN NEW.search_text := registry_search_text(coalesce(NEW.our_number, '') || ' ' || coalesce(NEW.their_number, ''), NEW.information); RETURN NEW; END $$`,
    );
    await queryRunner.query(`ALTER FUNCTION messages_search_text() RESET plan_cache_mode`);
    await queryRunner.query(`UPDATE messages SET search_text = NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_their_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_our_number_key"`);
    await queryRunner.query(`DROP FUNCTION registration_number_key(text)`);
  }
}
