import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans in PostgreSQL (issue 27, FILES_STORAGE=database): a scan's bytes as chunks of at most 1 MB, keyed by the
 * same path its document row names (so a scan moves between the disk and the database without its row changing).
 * PostgreSQL keeps the two together:
 * - chunks are written in the document's own transaction, and at its commit each new chunk must be named by a
 *   document (a deferred constraint trigger): no scan without its document;
 * - when a document is deleted or names another scan, the chunks of the scan it named go in the same transaction,
 *   unless another document still names it.
 */
export class ScansInDatabase1795816302847 implements MigrationInterface {
  name = 'ScansInDatabase1795816302847';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scan_chunks" (
        "file_path" text NOT NULL,
        "seq" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "pk_scan_chunks" PRIMARY KEY ("file_path", "seq"),
        CONSTRAINT "ck_scan_chunks_seq" CHECK (seq >= 0),
        CONSTRAINT "ck_scan_chunks_size" CHECK (octet_length(data) BETWEEN 1 AND 1048576)
      )`);
    await queryRunner.query(`ALTER TABLE "scan_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`); // PDF bytes do not compress
    await queryRunner.query(`CREATE INDEX "ix_organization_documents_file_path" ON "organization_documents" ("file_path") WHERE file_path IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION scan_chunks_named() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM organization_documents WHERE file_path = NEW.file_path) THEN
            RAISE EXCEPTION 'scan % is named by no document', NEW.file_path USING ERRCODE = 'foreign_key_violation';
          END IF;
          RETURN NULL;
        END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER tr_scan_chunks_named AFTER INSERT OR UPDATE ON "scan_chunks" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION scan_chunks_named()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION organization_documents_scan_gone() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.file_path IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.file_path IS DISTINCT FROM OLD.file_path)
             AND NOT EXISTS (SELECT 1 FROM organization_documents WHERE file_path = OLD.file_path) THEN
            DELETE FROM scan_chunks WHERE file_path = OLD.file_path;
          END IF;
          RETURN NULL;
        END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tr_organization_documents_scan_gone AFTER UPDATE OF file_path OR DELETE ON "organization_documents" FOR EACH ROW EXECUTE FUNCTION organization_documents_scan_gone()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_organization_documents_scan_gone ON "organization_documents"`);
    await queryRunner.query(`DROP FUNCTION organization_documents_scan_gone()`);
    await queryRunner.query(`DROP TABLE "scan_chunks"`);
    await queryRunner.query(`DROP FUNCTION scan_chunks_named()`);
    await queryRunner.query(`DROP INDEX "ix_organization_documents_file_path"`);
  }
}
