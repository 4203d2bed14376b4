import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans whose deletion waits for a backup (issue 27): a backup reads the scans its snapshot names, so a scan dropped
 * by a change committed meanwhile is not deleted until no backup runs; it is listed here, and deleted by the end of
 * the backup or by the next deletion of a scan.
 */
export class ScanRemovals1795816302846 implements MigrationInterface {
  name = 'ScanRemovals1795816302846';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scan_removals" (
        "file_path" text NOT NULL,
        "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_scan_removals" PRIMARY KEY ("file_path")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scan_removals"`);
  }
}
