import { TIME_ZONE_PATTERN } from '../../common/time/time-zone.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsTimeZoneName } from '../../common/time/is-time-zone-name.decorator.js';

/** PATCH /api/users/me: what the API keeps about a person beside Better Auth's fields. */
export class UpdateProfileDto {
  @ApiPropertyOptional({
    maxLength: 64,
    example: 'Europe/Berlin',
    pattern: TIME_ZONE_PATTERN,
    description:
      'An IANA time zone name. It decides what "today" means in the due views and when "every Monday 9:00" ' +
      'falls; UTC until set.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZoneName()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'false: no reminder mails (the web app still shows its notices).' })
  @IsOptional()
  @IsBoolean()
  reminderEmails?: boolean;
}
