import { BaseEntity, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** created/updated timestamps (the original had DATE-only, server-local "today"; we keep instants in UTC). */
export abstract class TimestampedEntity extends BaseEntity {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
