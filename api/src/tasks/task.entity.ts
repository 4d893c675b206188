import {
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
