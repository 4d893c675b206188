import { CreateTaskDto } from './create-task.dto.js';
import { TaskFields } from './task-fields.js';

/** PUT: every editable field, the creation fields plus `completed`; omitted ones go back to defaults. */
export class ReplaceTaskDto extends CreateTaskDto {
  @TaskFields.completed()
  completed?: boolean;
}
