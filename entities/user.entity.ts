import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from './timestamps.js';

export const USER_ROLES = ['admin', 'clerk'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A person who logs in to the panel. Emails are stored lower-cased. */
@Entity('users')
@Check('ck_users_role', `role IN ('admin', 'clerk')`)
@Check('ck_users_email_lower', `email = lower(email)`)
export class User extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_users' })
  id: number;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 10 })
  role: UserRole;

  /** scrypt hash, see src/users/password.ts. Not selected by default: it never reaches the panel's API. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** The password was generated (the first admin's): the panel asks for a new one before anything else. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
