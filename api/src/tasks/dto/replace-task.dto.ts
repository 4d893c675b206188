import type { TaskPriority } from '../task.entity.js';
import { TaskFields } from './task-fields.js';

/** PUT: every editable field; omitted optional ones go back to their defaults. */
export class ReplaceTaskDto {
  @TaskFields.title(true)
  title: string;

  @TaskFields.description()
  description?: string;

  @TaskFields.priority()
  priority?: TaskPriority;

  @TaskFields.tags()
  tags?: string[];

  @TaskFields.dueAt()
  dueAt?: string | null;

  @TaskFields.completed()
  completed?: boolean;
}
