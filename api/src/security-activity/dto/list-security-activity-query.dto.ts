import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const ACTIVITY_PAGE = { default: 20, max: 100, cursorMaxLength: 128 } as const;
/** Cursors are base64url. */
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';

export class ListSecurityActivityQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: ACTIVITY_PAGE.max,
    default: ACTIVITY_PAGE.default,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ACTIVITY_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({
    maxLength: ACTIVITY_PAGE.cursorMaxLength,
    pattern: CURSOR_PATTERN,
    description: 'Opaque: the `nextCursor` of the previous page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ACTIVITY_PAGE.cursorMaxLength)
  @Matches(new RegExp(CURSOR_PATTERN), { message: 'cursor is not a cursor this API issued' })
  cursor?: string;
}
