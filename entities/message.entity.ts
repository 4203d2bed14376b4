import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Organization } from './organization.entity.js';
import type { User } from './user.entity.js';
import { TimestampedEntity } from './timestamps.js';

export const MESSAGE_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * A letter (Письмо). Exactly one direction: incoming (we register it: our number + registration date;
 * the sender's number + signing date) or outgoing (our number + signing date).
 * Linked to one or more organizations; `parent` builds reply threads.
 */
@Entity('messages')
@Index('ix_messages_search_trgm', { synchronize: false }) // trigram index over search_text (migration 1795816302825)
@Index('ix_messages_created_at', ['createdAt'])
@Index('ix_messages_our_number_key', { synchronize: false }) // registration_number_key(our_number) (migration 1795816302831)
@Index('ix_messages_their_number_key', { synchronize: false })
@Index('ux_messages_our_number_per_year', { synchronize: false }) // «наш номер» unique per direction and year (migration 1795816302832)
// the dashboard's answer times: incoming letters by date with their executor, answers by letter (migration 1795816302843)
@Index('ix_messages_incoming_our_date', { synchronize: false })
@Index('ix_messages_answers', { synchronize: false })
@Check('ck_messages_direction', `direction IN ('incoming', 'outgoing')`)
@Check('ck_messages_outgoing_has_no_sender_requisites', `direction = 'incoming' OR (their_number IS NULL AND their_date IS NULL)`)
@Check('ck_messages_registered_after_signed', `our_date IS NULL OR their_date IS NULL OR our_date >= their_date`)
@Check('ck_messages_not_own_parent', `parent_id IS NULL OR parent_id <> id`)
@Check('ck_messages_due_date_incoming', `direction = 'incoming' OR due_date IS NULL`)
export class Message extends TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'int', primaryKeyConstraintName: 'pk_messages' })
  id: number;

  @Column({ type: 'varchar', length: 8 })
  direction: MessageDirection;

  /** Our registration number: incoming (вх.) or outgoing (исх.). */
  @Index('ix_messages_our_number')
  @Column({ type: 'varchar', length: 70, nullable: true })
  ourNumber: string | null;

  /** Incoming: the date we registered it. Outgoing: the date we signed it. */
  @Index('ix_messages_our_date')
  @Column({ type: 'date', nullable: true })
  ourDate: string | null;

  /** Incoming only: the sender's outgoing number. */
  @Index('ix_messages_their_number')
  @Column({ type: 'varchar', length: 70, nullable: true })
  theirNumber: string | null;

  /** Incoming only: the date the sender signed it. */
  @Column({ type: 'date', nullable: true })
  theirDate: string | null;

  @Column({ type: 'text' })
  information: string;

  /** Normalised text for the search box, kept by a database trigger (migration 1795816302825); never written here. */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText: string | null;

  @Index('ix_messages_parent_id')
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne('Message', (message: Message) => message.children, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_messages_parent' })
  parent: Relation<Message> | null;

  @OneToMany('Message', (message: Message) => message.parent)
  children: Relation<Message[]>;

  /** Who answers it (incoming) or prepared it (outgoing). */
  @Index('ix_messages_executor_id')
  @Column({ type: 'int', nullable: true })
  executorId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'executor_id', foreignKeyConstraintName: 'fk_messages_executor' })
  executor: Relation<User> | null;

  /** Incoming only: the date an answer is due («срок ответа»). */
  @Index('ix_messages_due_date')
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @ManyToMany('Organization', (organization: Organization) => organization.messages)
  @JoinTable({
    name: 'organizations_messages',
    joinColumn: { name: 'message_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_organizations_messages_message' },
    inverseJoinColumn: {
      name: 'organization_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_organizations_messages_organization',
    },
  })
  organizations: Relation<Organization[]>;

  /** Raised by PostgreSQL on every update of the row (migration RowVersions): a form saves only over the version it opened. */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version: number;
}
