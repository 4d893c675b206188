import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const ACTIVITY_PAGE = { default: 20, max: 100, cursorMaxLength: 128 } as const;

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
    description: 'Opaque: the `nextCursor` of the previous page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ACTIVITY_PAGE.cursorMaxLength)
  cursor?: string;
}
