import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry always keeps an active administrator: an UPDATE or DELETE of users that leaves none (demoting,
 * deactivating or deleting the last one, oneself included) is refused by the database, whichever path writes
 * (panel, CLI, psql). The error names the constraint `ck_users_keep_active_admin`, which the panel turns into a
 * Russian message on the field.
 */
export class KeepOneAdmin1795816302827 implements MigrationInterface {
  name = 'KeepOneAdmin1795816302827';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION users_keep_active_admin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND is_active) THEN
          RAISE EXCEPTION 'the last active administrator cannot be demoted, deactivated or deleted'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_users_keep_active_admin', TABLE = 'users';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tr_users_keep_active_admin AFTER UPDATE OF role, is_active OR DELETE ON users
      FOR EACH STATEMENT EXECUTE FUNCTION users_keep_active_admin()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_users_keep_active_admin ON users`);
    await queryRunner.query(`DROP FUNCTION users_keep_active_admin()`);
  }
}
