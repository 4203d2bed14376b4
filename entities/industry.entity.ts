import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Sphere of critical information infrastructure (187-FZ). Reference data seeded by a migration. */
@Entity('industries')
export class Industry extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_industries' })
  id: number;

  @Column({ type: 'text' })
  name: string;
}
