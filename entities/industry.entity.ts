import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Sphere of critical information infrastructure (187-FZ). Reference data seeded by a migration. */
@Entity('industries')
export class Industry extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_industries' })
  id: number;

  @Column({ type: 'text' })
  name: string;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
