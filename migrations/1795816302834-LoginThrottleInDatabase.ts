import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins, kept in PostgreSQL so that every server process counts the same attempts (src/users/login-throttle.ts):
 * an attempt is inserted here before its password is hashed, under advisory locks of its email and its address,
 * and deleted again if the password was right. Not in the change history (the journal has its own «вход не удался»
 * entries); rows older than the throttle's window are deleted as new attempts come.
 */
export class LoginThrottleInDatabase1795816302834 implements MigrationInterface {
  name = 'LoginThrottleInDatabase1795816302834';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "login_failures" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "email" character varying(254) NOT NULL,
        "address" character varying(64) NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "pk_login_failures" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_failures_email_at" ON "login_failures" ("email", "at")`);
    await queryRunner.query(`CREATE INDEX "ix_login_failures_address_at" ON "login_failures" ("address", "at")`);
    await queryRunner.query(`CREATE INDEX "ix_login_failures_at" ON "login_failures" ("at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_failures"`);
  }
}
