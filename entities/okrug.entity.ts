import { BaseEntity, Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import type { Region } from './region.entity.js';

/** Federal district (федеральный округ). Reference data seeded by a migration. */
@Entity('okrugs')
export class Okrug extends BaseEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_okrugs' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @OneToMany('Region', (region: Region) => region.okrug)
  regions: Relation<Region[]>;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
