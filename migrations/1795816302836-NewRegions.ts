import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regions EGRUL uses that the seed lacked: the tax service's subject codes 90, 93, 94 and 95 (its directory of
 * subject codes, as EGRUL's addresses carry them), in the Southern federal district since 2023. Without them an
 * organization from these regions was imported without a region and its check stayed «есть изменения» forever.
 * A region an administrator already added under one of these codes is left as it is.
 */
const NEW_REGIONS = [
  { id: 90, name: 'Запорожская область' },
  { id: 93, name: 'Донецкая Народная Республика' },
  { id: 94, name: 'Луганская Народная Республика' },
  { id: 95, name: 'Херсонская область' },
];
const SOUTHERN_OKRUG_ID = 3;

export class NewRegions1795816302836 implements MigrationInterface {
  name = 'NewRegions1795816302836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const region of NEW_REGIONS) {
      await queryRunner.query(`INSERT INTO regions (id, name, okrug_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
        region.id,
        region.name,
        SOUTHERN_OKRUG_ID,
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // only the rows this migration added, and only while nothing refers to them
    await queryRunner.query(
      `DELETE FROM regions r WHERE r.id = ANY($1) AND r.name = ANY($2)
         AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.region_id = r.id)
         AND NOT EXISTS (SELECT 1 FROM addresses a WHERE a.region_id = r.id)
         AND NOT EXISTS (SELECT 1 FROM resources_regions rr WHERE rr.region_id = r.id)`,
      [NEW_REGIONS.map((r) => r.id), NEW_REGIONS.map((r) => r.name)],
    );
  }
}
