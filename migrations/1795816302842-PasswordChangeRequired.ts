import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user whose password was generated (the first admin, whose password the start-up banner shows) must choose their
 * own before the panel lets them work: `password_change_required`, cleared by the change (src/users/password-change.ts).
 * Existing installations: the server sets it at start for the first admin while the generated password still works.
 */
export class PasswordChangeRequired1795816302842 implements MigrationInterface {
  name = 'PasswordChangeRequired1795816302842';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
  }
}
