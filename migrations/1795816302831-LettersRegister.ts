import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_TRANSLATE_FROM, SEARCH_TRANSLATE_TO } from '../src/domain/search-text.js';

/**
 * Letters as a register (issue 15):
 * - `registration_number_key()`: a registration number reduced to lower-case letters and digits (the same rule as
 *   src/domain/search-text.ts), with prefix indexes on both numbers, so «ИСХ-1234» finds the letter numbered
 *   «исх 1234» and «ИСХ-12345», never «ИСХ-631234»;
 * - an incoming letter's executor (a user) and answer due date («срок ответа»).
 */
export class LettersRegister1795816302831 implements MigrationInterface {
  name = 'LettersRegister1795816302831';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION registration_number_key(number text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT regexp_replace(lower(translate(coalesce(number, ''), '${SEARCH_TRANSLATE_FROM}', '${SEARCH_TRANSLATE_TO}')), '[^0-9a-zа-я]+', '', 'g')
       $$`,
    );
    await queryRunner.query(`CREATE INDEX "ix_messages_our_number_key" ON "messages" (registration_number_key("our_number") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_messages_their_number_key" ON "messages" (registration_number_key("their_number") text_pattern_ops)`);

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
    await queryRunner.query(`DROP INDEX "public"."ix_messages_their_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_our_number_key"`);
    await queryRunner.query(`DROP FUNCTION registration_number_key(text)`);
  }
}
