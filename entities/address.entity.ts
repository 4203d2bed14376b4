import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Region } from './region.entity.js';
import { TimestampedEntity } from './timestamps.js';

/** A post office's postal index from Russian Post's PIndx base, tied to a region. */
@Entity('addresses')
@Check('ck_addresses_index_format', `"index" ~ '^[0-9]{6}$'`)
export class Address extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 6, primaryKeyConstraintName: 'pk_addresses' })
  index: string;

  @Column({ type: 'text', nullable: true })
  opsName: string | null;

  @Column({ type: 'text', nullable: true })
  area: string | null;

  @Index('ix_addresses_locality')
  @Column({ type: 'text', nullable: true })
  locality: string | null;

  /** Region as spelled in the source file; kept when it could not be mapped to one of ours. */
  @Column({ type: 'text', nullable: true })
  sourceRegionName: string | null;

  @Index('ix_addresses_region_id')
  @Column({ type: 'int', nullable: true })
  regionId: number | null;

  @ManyToOne('Region', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_addresses_region' })
  region: Relation<Region> | null;

  @Column({ type: 'date', nullable: true })
  actualizedOn: string | null;
}
