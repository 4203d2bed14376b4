import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Organization } from './organization.entity.js';
import type { Resource } from './resource.entity.js';
import { TimestampedEntity } from './timestamps.js';

/** Outsourcing: an organization provides security services for a resource over a period. */
@Entity('responsibilities')
@Check('ck_responsibilities_period', `date_end IS NULL OR date_end >= date_start`)
export class Responsibility extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_responsibilities' })
  id: number;

  /** The service provider. */
  @Index('ix_responsibilities_organization_id')
  @Column({ type: 'int' })
  organizationId: number;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_responsibilities_organization' })
  organization: Relation<Organization>;

  @Index('ix_responsibilities_resource_id')
  @Column({ type: 'int' })
  resourceId: number;

  @ManyToOne('Resource', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_responsibilities_resource' })
  resource: Relation<Resource>;

  @Column({ type: 'date' })
  dateStart: string;

  @Column({ type: 'date', nullable: true })
  dateEnd: string | null;

  /** Requisites of the contract or document. */
  @Column({ type: 'text', nullable: true })
  props: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
