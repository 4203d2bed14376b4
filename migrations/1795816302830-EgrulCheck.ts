import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry checked against EGRUL (`cert egrul check`, «Сверить с ЕГРЮЛ»):
 * - `egrul_checks`: the last check of each organization — when, the status (actual / changed / missing / failed),
 *   the differences, and the service's id of the unit it matched (the next check asks for it directly, one request
 *   instead of two). Derived data, rewritten by every check: not in the change history (the changes an admin
 *   applies from it are, as edits of the organization).
 * - `egrul_check_runs`: each `cert egrul check` run; an unfinished one is resumed by the next run of the same scope.
 */
export class EgrulCheck1795816302830 implements MigrationInterface {
  name = 'EgrulCheck1795816302830';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "egrul_checks" (
        "organization_id" integer NOT NULL,
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "status" character varying(10) NOT NULL,
        "differences" jsonb,
        "problem" text,
        "service_id" integer,
        CONSTRAINT "ck_egrul_checks_status" CHECK (status IN ('actual', 'changed', 'missing', 'failed')),
        CONSTRAINT "pk_egrul_checks" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_egrul_checks_status" ON "egrul_checks" ("status")`);
    await queryRunner.query(`CREATE INDEX "ix_egrul_checks_checked_at" ON "egrul_checks" ("checked_at")`);
    await queryRunner.query(
      `ALTER TABLE "egrul_checks" ADD CONSTRAINT "fk_egrul_checks_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE TABLE "egrul_check_runs" (
        "id" SERIAL NOT NULL,
        "scope" character varying(40) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "total" integer NOT NULL DEFAULT 0,
        "checked" integer NOT NULL DEFAULT 0,
        "stopped_because" text,
        CONSTRAINT "pk_egrul_check_runs" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "egrul_check_runs"`);
    await queryRunner.query(`DROP TABLE "egrul_checks"`);
  }
}
