import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failed attempt to check an organization no longer erases its earlier result: `egrul_checks` keeps the last
 * result (status, differences, when) and beside it the last failed attempt (when, why), cleared by the next
 * successful check. `egrul_check_runs.guarded` marks a run the register's guard stopped (the service answered as a
 * reloading or broken service does: far more «нет в ЕГРЮЛ» or «не удалось проверить» than the previous run).
 */
export class EgrulCheckFailures1795816302837 implements MigrationInterface {
  name = 'EgrulCheckFailures1795816302837';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "egrul_checks" ADD COLUMN "failed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "egrul_checks" ADD COLUMN "failure" text`);
    await queryRunner.query(`ALTER TABLE "egrul_check_runs" ADD COLUMN "guarded" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "egrul_check_runs" DROP COLUMN "guarded"`);
    await queryRunner.query(`ALTER TABLE "egrul_checks" DROP COLUMN "failure"`);
    await queryRunner.query(`ALTER TABLE "egrul_checks" DROP COLUMN "failed_at"`);
  }
}
