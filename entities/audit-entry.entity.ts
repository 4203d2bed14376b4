import { BaseEntity, Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'insert',
  'update',
  'delete',
  'soft_delete',
  'restore',
  'bulk',
  'login',
  'login_failed',
  'logout',
  'prune',
  'merge',
  'merge_undo',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One entry of the change history: written by the database's triggers (migration 1795816302829) for every write
 * of a registry table, and by the application for logins and logouts. Append-only: the database refuses to
 * change or delete an entry (`cert audit prune` aside).
 */
@Entity('audit_log')
@Check(
  'ck_audit_log_action',
  `action IN ('insert', 'update', 'delete', 'soft_delete', 'restore', 'bulk', 'login', 'login_failed', 'logout', 'prune', 'merge', 'merge_undo')`,
)
@Index('ix_audit_log_anchors', { synchronize: false }) // GIN over anchors: a card's history
@Index('ix_audit_log_table_record', ['tableName', 'recordId'])
export class AuditEntry extends BaseEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_log' })
  id: string;

  @Index('ix_audit_log_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The transaction: the entries of one save, import or update share it. */
  @Index('ix_audit_log_tx')
  @Column({ type: 'bigint', default: () => 'txid_current()' })
  tx: string;

  /** The panel user (no foreign key: a deleted user's history stays). */
  @Index('ix_audit_log_actor_id')
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'text' })
  actorName: string;

  /** panel, egrul, cli, sql */
  @Column({ type: 'varchar', length: 20 })
  source: string;

  @Column({ type: 'varchar', length: 20 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 63, nullable: true })
  tableName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  recordId: string | null;

  /** The cards the entry shows on: 'messages:5', 'organizations:7'. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  anchors: string[];

  /** Changed columns as {column: [old, new]}; a deleted row whole. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, [unknown, unknown]> | null;

  /** The database role that wrote it (session_user): the application's, or whoever wrote by SQL. */
  @Column({ type: 'text', nullable: true })
  dbRole: string | null;

  /** Command, address, counts, the restored entry. */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
