import { TIME_ZONE_PATTERN } from '../../common/time/time-zone.js';
import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '../../auth/auth-input-limits.js';
import type { UserProfileRow } from '../users.repository.js';

export class UserProfileDto {
  @ApiProperty({ format: 'uuid', minLength: 36, maxLength: 36 })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH })
  email: string;

  @ApiProperty()
  emailVerified: boolean;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({
    example: 'Europe/Berlin',
    pattern: TIME_ZONE_PATTERN,
    maxLength: 64,
    description: 'IANA time zone name; UTC until set.',
  })
  timeZone: string;

  @ApiProperty({ description: 'Whether reminders are also mailed.' })
  reminderEmails: boolean;

  static from(row: UserProfileRow): UserProfileDto {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      emailVerified: row.emailVerified,
      createdAt: new Date(row.createdAt).toISOString(),
      timeZone: row.timeZone,
      reminderEmails: row.reminderEmails,
    };
  }
}
