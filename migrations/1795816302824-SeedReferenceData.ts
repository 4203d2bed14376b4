import type { MigrationInterface, QueryRunner } from 'typeorm';
import { INDUSTRIES, OKRUGS, REGIONS } from './reference-data.js';

/**
 * Federal districts (8), regions (86, id = subject code) and CII industries (13), as in the original's seed
 * migration, with one correction: by the Presidential decree of 3 Nov 2018 No. 632, Buryatia (03) and
 * Zabaykalsky krai (75) belong to the Far Eastern federal district (8), not the Siberian one (7).
 */
export const FAR_EASTERN_OKRUG_ID = 8;
export const MOVED_TO_FAR_EAST_IN_2018 = [3, 75];

export class SeedReferenceData1795816302824 implements MigrationInterface {
  name = 'SeedReferenceData1795816302824';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const okrug of OKRUGS) {
      await queryRunner.query('INSERT INTO okrugs (id, name) VALUES ($1, $2)', [okrug.id, okrug.name]);
    }
    for (const region of REGIONS) {
      const okrugId = MOVED_TO_FAR_EAST_IN_2018.includes(region.id) ? FAR_EASTERN_OKRUG_ID : region.okrugId;
      await queryRunner.query('INSERT INTO regions (id, name, okrug_id) VALUES ($1, $2, $3)', [region.id, region.name, okrugId]);
    }
    for (const industry of INDUSTRIES) {
      await queryRunner.query('INSERT INTO industries (id, name) VALUES ($1, $2)', [industry.id, industry.name]);
    }
    await queryRunner.query(`SELECT setval(pg_get_serial_sequence('industries', 'id'), (SELECT max(id) FROM industries))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM industries WHERE id = ANY($1)', [INDUSTRIES.map((i) => i.id)]);
    await queryRunner.query('DELETE FROM regions WHERE id = ANY($1)', [REGIONS.map((r) => r.id)]);
    await queryRunner.query('DELETE FROM okrugs WHERE id = ANY($1)', [OKRUGS.map((o) => o.id)]);
    await queryRunner.query(`SELECT setval(pg_get_serial_sequence('industries', 'id'), 1, false)`);
  }
}
