import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk import's checked lists, kept in PostgreSQL instead of a server process's memory: a preview made on one
 * server is imported through another, and a finished import's report survives a restart. A list may be imported
 * within an hour of its check (the service's ids change when it reloads its data); its report is kept 30 days.
 * `importing_since` claims a list for one import at a time. Technical data: not in the change history (the
 * organizations an import creates are).
 */
export class EgrulBulkLists1795816302839 implements MigrationInterface {
  name = 'EgrulBulkLists1795816302839';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "egrul_bulk_lists" (
        "token" character(32) NOT NULL,
        "user_id" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "rows" jsonb NOT NULL,
        "importing_since" TIMESTAMP WITH TIME ZONE,
        "imported" jsonb,
        "imported_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_egrul_bulk_lists" PRIMARY KEY ("token"),
        CONSTRAINT "fk_egrul_bulk_lists_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "ix_egrul_bulk_lists_user_created" ON "egrul_bulk_lists" ("user_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_egrul_bulk_lists_created" ON "egrul_bulk_lists" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "egrul_bulk_lists"`);
  }
}
