import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A branch's head organization (issue 12): EGRUL lists a legal entity as its head unit (is_main) and one unit per
 * branch with a KPP, all with the same INN. When both are in the registry, the import links the branch to the head.
 */
export class OrganizationHead1795816302828 implements MigrationInterface {
  name = 'OrganizationHead1795816302828';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "head_id" integer`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD CONSTRAINT "ck_organizations_not_own_head" CHECK (head_id IS NULL OR head_id <> id)`);
    await queryRunner.query(`CREATE INDEX "ix_organizations_head_id" ON "organizations" ("head_id") `);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "fk_organizations_head" FOREIGN KEY ("head_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "fk_organizations_head"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organizations_head_id"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "ck_organizations_not_own_head"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "head_id"`);
  }
}
