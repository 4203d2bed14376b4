import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The panel's script bundles of every build that ran in the last month (issue 27): a rolling deploy mixes two builds,
 * and a page of one asks a node of the other for its bundles by their hashed names.
 */
export class PanelBundles1795816302848 implements MigrationInterface {
  name = 'PanelBundles1795816302848';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "panel_bundles" (
        "hashed_name" text NOT NULL,
        "body" bytea NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_panel_bundles" PRIMARY KEY ("hashed_name")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "panel_bundles"`);
  }
}
