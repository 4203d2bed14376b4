import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from './timestamps.js';

/** A type of organizational-administrative document (ОРД), e.g. a cooperation agreement. */
@Entity('org_adm_docs')
export class OrgAdmDoc extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_org_adm_docs' })
  id: number;

  @Index('uq_org_adm_docs_name', { unique: true })
  @Column({ type: 'text' })
  name: string;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
