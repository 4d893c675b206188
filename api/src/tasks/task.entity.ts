import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserReference } from '../users/user-reference.entity.js';

export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * A task and its owner. Timestamps keep millisecond precision, the precision of JavaScript
 * dates, so a keyset cursor built from a row finds that row again exactly. The priority is a
 * PostgreSQL enum, which sorts in declaration order (low < medium < high).
 */
@Entity('task')
@Index('task_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Index('task_owner_priority_idx', ['ownerId', 'priority', 'id'])
@Index('task_owner_title_idx', ['ownerId', 'title', 'id'])
// Expression and GIN indexes are written in the migration; TypeORM must leave them alone.
@Index('task_owner_due_idx', { synchronize: false })
@Index('task_tags_idx', { synchronize: false })
@Index('task_next_task_idx', { synchronize: false })
@Index('task_reminder_pending_idx', { synchronize: false })
@Check('task_reminder_before_due_check', `"remind_minutes_before" is null or "due_at" is not null`)
@Check(
  'task_recurrence_needs_due_check',
  `"recurrence" is null or ("due_at" is not null and "recurrence_anchor" is not null)`,
)
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserReference, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'task_owner_fk' })
  owner?: UserReference;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10_000, default: '' })
  description: string;

  @Column({ type: 'boolean', default: false })
  completed: boolean;

  @Column({ type: 'enum', enum: TASK_PRIORITIES, enumName: 'task_priority', default: 'medium' })
  priority: TaskPriority;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  /** The canonical RRULE (see recurrence/recurrence-rule.ts), or null. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  recurrence: string | null;

  /** The owner's chosen wall-clock time of the series ("2026-03-02T09:00:00"): DST-proof. */
  @Column({ name: 'recurrence_anchor', type: 'varchar', length: 19, nullable: true })
  recurrenceAnchor: string | null;

  /** Which occurrence of its series this task is. */
  @Column({ name: 'recurrence_index', type: 'integer', default: 1 })
  recurrenceIndex: number;

  /** The occurrence this task's completion created: set once, so a retry creates none. */
  @Column({ name: 'next_task_id', type: 'uuid', nullable: true })
  nextTaskId: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'next_task_id', foreignKeyConstraintName: 'task_next_task_fk' })
  nextTask?: TaskEntity;

  /** When the owner is reminded: given, or due_at minus remindMinutesBefore. */
  @Column({ name: 'remind_at', type: 'timestamptz', precision: 3, nullable: true })
  remindAt: Date | null;

  @Column({ name: 'remind_minutes_before', type: 'integer', nullable: true })
  remindMinutesBefore: number | null;

  /** Set when a sweep claimed the reminder and queued its mail; cleared when it is re-armed. */
  @Column({ name: 'reminder_sent_at', type: 'timestamptz', precision: 3, nullable: true })
  reminderSentAt: Date | null;

  /** Bumped by every write of the task (see the 1810 migration): its ETag. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
