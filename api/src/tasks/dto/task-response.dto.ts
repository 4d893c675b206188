import { ApiProperty } from '@nestjs/swagger';
import { TASK_PRIORITIES, type TaskEntity, type TaskPriority } from '../task.entity.js';
import { TASK_LIMITS } from './task-fields.js';

export class TaskResponseDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: TASK_LIMITS.titleMax })
  title: string;

  @ApiProperty({ maxLength: TASK_LIMITS.descriptionMax })
  description: string;

  @ApiProperty()
  completed: boolean;

  @ApiProperty({ enum: TASK_PRIORITIES, enumName: 'TaskPriority' })
  priority: TaskPriority;

  @ApiProperty({
    type: [String],
    maxItems: TASK_LIMITS.tagsMax,
    items: { type: 'string', maxLength: TASK_LIMITS.tagMax },
  })
  tags: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, maxLength: 30 })
  dueAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, maxLength: 30 })
  completedAt: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;
}

export class TaskListResponseDto {
  @ApiProperty({ type: [TaskResponseDto], maxItems: 100 })
  items: TaskResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 512,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

/** The one mapping from a stored task to what clients see: never the entity, never the owner. */
export function toTaskResponse(task: TaskEntity): TaskResponseDto {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    completed: task.completed,
    priority: task.priority,
    tags: task.tags,
    dueAt: task.dueAt ? task.dueAt.toISOString() : null,
    completedAt: task.completedAt ? task.completedAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}
