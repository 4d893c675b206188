import { ApiProperty } from '@nestjs/swagger';
import { TASK_LIMITS } from '../../tasks/dto/task-fields.js';
import { TaskResponseDto } from '../../tasks/dto/task-response.dto.js';
import { UserProfileDto } from './user-profile.dto.js';

/** GET /api/users/me/export: everything Taskvault holds about the caller that a person can use. */
export class AccountExportDto {
  @ApiProperty({ example: 'taskvault-account-export/1', maxLength: 50 })
  format: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  exportedAt: string;

  @ApiProperty({ type: UserProfileDto })
  profile: UserProfileDto;

  @ApiProperty({
    type: [TaskResponseDto],
    maxItems: TASK_LIMITS.tasksPerUserMax,
    description: `Every task of the caller, oldest first (an account keeps at most ${TASK_LIMITS.tasksPerUserMax}).`,
  })
  tasks: TaskResponseDto[];
}
