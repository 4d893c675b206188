import type { TaskPriority } from '../task.entity.js';
import { TaskFields } from './task-fields.js';

/** PATCH: only the fields sent change. `null` is accepted for `dueAt` alone. */
export class UpdateTaskDto {
  @TaskFields.title(false)
  title?: string;

  @TaskFields.description()
  description?: string;

  @TaskFields.priority()
  priority?: TaskPriority;

  @TaskFields.tags()
  tags?: string[];

  @TaskFields.dueAt()
  dueAt?: string | null;

  @TaskFields.recurrence()
  recurrence?: string | null;

  @TaskFields.remindAt()
  remindAt?: string | null;

  @TaskFields.remindMinutesBefore()
  remindMinutesBefore?: number | null;

  @TaskFields.completed()
  completed?: boolean;
}
