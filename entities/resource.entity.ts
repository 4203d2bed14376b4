import { Check, Column, DeleteDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Industry } from './industry.entity.js';
import type { Organization } from './organization.entity.js';
import type { Region } from './region.entity.js';
import { TimestampedEntity } from './timestamps.js';

/** An information resource (possibly a significant CII object). Deleting it is a soft delete (`deletedAt`). */
@Entity('resources')
@Index('ix_resources_updated_at', ['updatedAt'])
@Index('ix_resources_search_trgm', { synchronize: false }) // trigram index over search_text (migration 1795816302825)
@Check('ck_resources_category', `category BETWEEN 0 AND 3`)
export class Resource extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_resources' })
  id: number;

  @Column({ type: 'text' })
  name: string;

  /** The resource is a significant CII object (ОКИИ). */
  @Column({ type: 'boolean', default: false })
  isOkii: boolean;

  @Column({ type: 'varchar', length: 15, nullable: true })
  fstecRegNumber: string | null;

  @Index('ix_resources_category')
  @Column({ type: 'smallint', nullable: true })
  category: number | null;

  @Column({ type: 'date', nullable: true })
  dateAddedToFstec: string | null;

  @Column({ type: 'date', nullable: true })
  dateUpdatedToFstec: string | null;

  @Column({ type: 'text', nullable: true })
  factualAddresses: string | null;

  @Column({ type: 'text', nullable: true })
  respWorker: string | null;

  @Column({ type: 'text', nullable: true })
  ipPool: string | null;

  @Column({ type: 'text', nullable: true })
  dnsPool: string | null;

  @Index('ix_resources_owner_id')
  @Column({ type: 'int' })
  ownerId: number;

  @ManyToOne('Organization', (organization: Organization) => organization.resources, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_resources_owner' })
  owner: Relation<Organization>;

  @ManyToMany('Region')
  @JoinTable({
    name: 'resources_regions',
    joinColumn: { name: 'resource_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_resources_regions_resource' },
    inverseJoinColumn: { name: 'region_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_resources_regions_region' },
  })
  regions: Relation<Region[]>;

  @ManyToMany('Industry')
  @JoinTable({
    name: 'resources_industries',
    joinColumn: { name: 'resource_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_resources_industries_resource' },
    inverseJoinColumn: {
      name: 'industry_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_resources_industries_industry',
    },
  })
  industries: Relation<Industry[]>;

  /** Normalised text for the search box, kept by a database trigger (migration 1795816302825); never written here. */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText: string | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt: Date | null;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
