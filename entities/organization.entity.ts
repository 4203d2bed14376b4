import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Message } from './message.entity.js';
import type { OrganizationDocument } from './organization-document.entity.js';
import type { Region } from './region.entity.js';
import type { Resource } from './resource.entity.js';
import { TimestampedEntity } from './timestamps.js';

/**
 * A Russian legal entity (or individual entrepreneur) the team deals with.
 * Never hard-deleted: `isActive = false` marks a liquidated organization.
 * No two active organizations share INN+KPP (a branch shares its head's INN and differs in KPP):
 * the partial unique index `uq_organizations_active_inn_kpp` is created by the migration
 * (an expression index TypeORM cannot describe, hence `synchronize: false`).
 */
@Entity('organizations')
@Index('uq_organizations_active_inn_kpp', { synchronize: false })
@Index('ix_organizations_search_trgm', { synchronize: false }) // trigram index over search_text (migration 1795816302825)
@Index('ix_organizations_updated_at', ['updatedAt'])
@Index('ix_organizations_region_id', ['regionId', 'id']) // region and district filters from the index alone
@Index('ix_organizations_inactive', { synchronize: false }) // the few inactive organizations, for the dashboard (migration 1795816302843)
@Index('ix_organizations_merged_into_id', { synchronize: false }) // partial: merged cards only (migration 1795816302844)
@Check('ck_organizations_inn_format', `inn ~ '^([0-9]{10}|[0-9]{12})$'`)
@Check('ck_organizations_kpp_format', `kpp ~ '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$'`)
@Check('ck_organizations_ogrn_format', `ogrn ~ '^([0-9]{13}|[0-9]{15})$'`)
@Check('ck_organizations_not_own_head', `head_id IS NULL OR head_id <> id`)
@Check('ck_organizations_merged_inactive', `merged_into_id IS NULL OR (NOT is_active AND merged_into_id <> id)`)
export class Organization extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_organizations' })
  id: number;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text', nullable: true })
  shortName: string | null;

  @Index('ix_organizations_inn')
  @Column({ type: 'varchar', length: 12, nullable: true })
  inn: string | null;

  @Index('ix_organizations_kpp')
  @Column({ type: 'varchar', length: 9, nullable: true })
  kpp: string | null;

  @Index('ix_organizations_ogrn')
  @Column({ type: 'varchar', length: 15, nullable: true })
  ogrn: string | null;

  @Column({ type: 'text', nullable: true })
  factualAddress: string | null;

  @Column({ type: 'int', nullable: true })
  regionId: number | null;

  @ManyToOne('Region', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_organizations_region' })
  region: Relation<Region> | null;

  /** The head organization of a branch (same INN; linked at import when both are in the registry). */
  @Index('ix_organizations_head_id')
  @Column({ type: 'int', nullable: true })
  headId: number | null;

  @ManyToOne('Organization', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'head_id', foreignKeyConstraintName: 'fk_organizations_head' })
  head: Relation<Organization> | null;

  /** A card merged into another (issue 26): it is inactive and points to the card kept (src/duplicates). */
  @Column({ type: 'int', nullable: true })
  mergedIntoId: number | null;

  @ManyToOne('Organization')
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_organizations_merged_into' })
  mergedInto: Relation<Organization> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bossPosition: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bossFio: string | null;

  @Column({ type: 'text', nullable: true })
  contacts: string | null;

  /** Date the cooperation agreement was signed; null means there is none. */
  @Index('ix_organizations_date_agreement')
  @Column({ type: 'date', nullable: true })
  dateAgreement: string | null;

  @Column({ type: 'text', nullable: true })
  agreementUnit: string | null;

  @Column({ type: 'boolean', default: false })
  isGov: boolean;

  @Column({ type: 'boolean', default: false })
  isMilitary: boolean;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /** Normalised text for the search box, kept by a database trigger (migration 1795816302825); never written here. */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText: string | null;

  /** The full name without its legal form, for «Возможные дубли»; kept by the same trigger (migration 1795816302845). */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  nameKey: string | null;

  /** Stable key of the organization's file directory. */
  @Index('uq_organizations_uuid', { unique: true })
  @Column({ type: 'uuid' })
  @Generated('uuid')
  uuid: string;

  @ManyToMany('Message', (message: Message) => message.organizations)
  messages: Relation<Message[]>;

  @OneToMany('Resource', (resource: Resource) => resource.owner)
  resources: Relation<Resource[]>;

  @OneToMany('OrganizationDocument', (document: OrganizationDocument) => document.organization)
  documents: Relation<OrganizationDocument[]>;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
