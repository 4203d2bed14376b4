import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Okrug } from './okrug.entity.js';

/** Federal subject (субъект РФ); the id is its two-digit code. Reference data seeded by a migration. */
@Entity('regions')
export class Region extends BaseEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_regions' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('ix_regions_okrug_id')
  @Column({ type: 'int', nullable: true })
  okrugId: number | null;

  @ManyToOne('Okrug', (okrug: Okrug) => okrug.regions, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'okrug_id', foreignKeyConstraintName: 'fk_regions_okrug' })
  okrug: Relation<Okrug> | null;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
