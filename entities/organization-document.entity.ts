import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { OrgAdmDoc } from './org-adm-doc.entity.js';
import type { Organization } from './organization.entity.js';
import { TimestampedEntity } from './timestamps.js';

/**
 * An organization's document of a given type (the original's orgadmdocs_organizations):
 * at most one per (organization, type); attaching again replaces it. The scan is optional.
 */
@Entity('organization_documents')
@Index('uq_organization_documents_organization_type', ['organizationId', 'orgAdmDocId'], { unique: true })
@Index('ix_organization_documents_file_path', { synchronize: false }) // partial: documents with a scan (migration 1795816302847)
@Index('ix_organization_documents_type_organization', ['orgAdmDocId', 'organizationId']) // "has all of these types" (migration 1795816302826)
export class OrganizationDocument extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_organization_documents' })
  id: number;

  @Column({ type: 'int' })
  organizationId: number;

  @ManyToOne('Organization', (organization: Organization) => organization.documents, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_organization_documents_organization' })
  organization: Relation<Organization>;

  @Column({ type: 'int' })
  orgAdmDocId: number;

  @ManyToOne('OrgAdmDoc', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_adm_doc_id', foreignKeyConstraintName: 'fk_organization_documents_org_adm_doc' })
  orgAdmDoc: Relation<OrgAdmDoc>;

  /** Signing/approval date of the document. */
  @Column({ type: 'date', nullable: true })
  dateApproved: string | null;

  /** The document's requisites (signature number etc.). */
  @Column({ type: 'text', nullable: true })
  props: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Stored scan: path relative to FILES_DIR, never derived from user input. Null: "без скана". */
  @Column({ type: 'text', nullable: true })
  filePath: string | null;

  @Column({ type: 'bigint', nullable: true })
  fileSize: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  fileSha256: string | null;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
