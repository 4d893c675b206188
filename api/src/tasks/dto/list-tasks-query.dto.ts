import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsBoundedIsoDate } from '../../common/validation/is-bounded-date.decorator.js';
import { IsSafeText } from '../../common/validation/safe-text.decorator.js';
import { TASK_PRIORITIES, type TaskPriority } from '../task.entity.js';
import { TASK_LIMITS } from './task-fields.js';

export const TASK_SORT_KEYS = ['createdAt', 'dueAt', 'priority', 'title'] as const;
export type TaskSortKey = (typeof TASK_SORT_KEYS)[number];
export const TASK_STATUSES = ['all', 'open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_DUE_VIEWS = ['today', 'overdue', 'upcoming'] as const;
export type TaskDueView = (typeof TASK_DUE_VIEWS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export class ListTasksQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'all' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Case-insensitive text in the title or description; % _ and \\ are literal.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSafeText()
  q?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TASK_LIMITS.tagMax, description: 'Only tasks carrying this tag.' })
  @IsOptional()
  @IsString()
  @Length(1, TASK_LIMITS.tagMax)
  @IsSafeText()
  tag?: string;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, enumName: 'TaskPriority' })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Only tasks due before this instant.' })
  @IsOptional()
  @IsBoundedIsoDate()
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Only tasks due after this instant.' })
  @IsOptional()
  @IsBoundedIsoDate()
  dueAfter?: string;

  @ApiPropertyOptional({
    enum: TASK_DUE_VIEWS,
    description:
      "Days in the caller's timeZone (GET /api/users/me): today = due between midnight and midnight; " +
      'overdue = open and due before now; upcoming = due from tomorrow on. Combines with the other filters.',
  })
  @IsOptional()
  @IsIn(TASK_DUE_VIEWS)
  due?: TaskDueView;

  @ApiPropertyOptional({
    enum: TASK_SORT_KEYS,
    default: 'createdAt',
    description: 'Tasks without a due date sort after every date.',
  })
  @IsOptional()
  @IsIn(TASK_SORT_KEYS)
  sort?: TaskSortKey;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    maxLength: 512,
    description: 'Opaque: the `nextCursor` of the previous page, with the same sort and order.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
