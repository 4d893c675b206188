import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { TASK_PRIORITIES, type TaskPriority } from '../task.entity.js';
import type { TaskRow } from '../tasks.repository.js';
import { RECURRENCE_LIMITS, RECURRENCE_PATTERN } from '../recurrence/recurrence-rule.js';
import { TASK_LIMITS } from './task-fields.js';
import { taskEtag } from '../task-etag.js';

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

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: RECURRENCE_LIMITS.textMax,
    pattern: RECURRENCE_PATTERN,
    description: 'The RRULE in canonical form, or null for a task that does not repeat.',
  })
  recurrence: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    maxLength: 30,
    description: 'When the owner is reminded (given, or dueAt minus remindMinutesBefore); null without a reminder.',
  })
  remindAt: string | null;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    nullable: true,
    minimum: 0,
    maximum: TASK_LIMITS.remindMinutesBeforeMax,
  })
  remindMinutesBefore: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    maxLength: 30,
    description: 'When the reminder went out; null until then, and again after the reminder or the due date changes.',
  })
  reminderSentAt: string | null;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;

  @ApiProperty({
    maxLength: 12,
    pattern: '^"[1-9][0-9]{0,9}"$',
    example: '"3"',
    description:
      'The task’s strong entity tag, as in the ETag header of an answer about this one task (quotes included): ' +
      'send it in If-Match to change the task only if no one else has since. Here too so that a list item can be.',
  })
  etag: string;
}

/** The answer of /complete: the task, and the occurrence its completion created. */
export class CompletedTaskResponseDto extends TaskResponseDto {
  // OpenAPI 3.0 has no nullable $ref: "the task, or null" is spelled as a oneOf with the null value.
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(TaskResponseDto) }, { type: 'object', nullable: true, enum: [null] }],
    description:
      "The series' next occurrence, created by this completion or by an earlier one (a retry answers " +
      'the same task); null when the task does not repeat, the series is over, or the task was reopened.',
  })
  next: TaskResponseDto | null;
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
export function toTaskResponse(task: TaskRow): TaskResponseDto {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    completed: task.completed,
    priority: task.priority,
    tags: task.tags,
    dueAt: task.dueAt ? task.dueAt.toISOString() : null,
    completedAt: task.completedAt ? task.completedAt.toISOString() : null,
    recurrence: task.recurrence,
    remindAt: task.remindAt ? task.remindAt.toISOString() : null,
    remindMinutesBefore: task.remindMinutesBefore,
    reminderSentAt: task.reminderSentAt ? task.reminderSentAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    etag: taskEtag(task.version),
  };
}
