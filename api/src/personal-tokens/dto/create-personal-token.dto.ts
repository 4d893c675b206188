import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { type Scope, SCOPES } from '../../auth/scopes/scopes.js';
import { IsSafeText } from '../../common/validation/safe-text.decorator.js';

/** The contract's limits, in one place for validation, documentation and the service. */
export const TOKEN_LIMITS = {
  nameMax: 100,
  expiresInDaysDefault: 90,
  expiresInDaysMax: 366,
  liveTokensMax: 50,
} as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** At most `max` Unicode code points: what PostgreSQL's varchar(n) counts (validator's Length does not). */
const MaxCodePoints = (max: number) =>
  ValidateBy({
    name: 'maxCodePoints',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || [...value].length <= max,
      defaultMessage: (args) => `${args?.property} must be at most ${max} characters`,
    },
  });

export class CreatePersonalTokenDto {
  @ApiProperty({
    minLength: 1,
    maxLength: TOKEN_LIMITS.nameMax,
    example: 'Nightly backup script',
    description: 'What the token is for, to recognise it in the list. Trimmed.',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxCodePoints(TOKEN_LIMITS.nameMax)
  @IsSafeText()
  name: string;

  @ApiProperty({
    type: [String],
    enum: SCOPES,
    enumName: 'Scope',
    minItems: 1,
    maxItems: SCOPES.length,
    uniqueItems: true,
    example: ['tasks:read'],
    description: 'What the token may do: `tasks:read` (read tasks and the profile), `tasks:write` (change tasks).',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SCOPES.length)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: TOKEN_LIMITS.expiresInDaysMax,
    default: TOKEN_LIMITS.expiresInDaysDefault,
    description: 'Days until the token stops working.',
  })
  @ValidateIf((_object, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(TOKEN_LIMITS.expiresInDaysMax)
  expiresInDays?: number;
}
