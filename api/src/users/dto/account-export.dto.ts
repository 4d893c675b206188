import { ApiProperty } from '@nestjs/swagger';
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

  @ApiProperty({ type: [TaskResponseDto] })
  tasks: TaskResponseDto[];
}
