import { ApiProperty } from '@nestjs/swagger';
import { normaliseScopes, type Scope, SCOPES } from '../../auth/scopes/scopes.js';
import type { PersonalTokenEntity } from '../personal-token.entity.js';
import { DISPLAY_PREFIX_LENGTH, TOKEN_PREFIX, TOKEN_RANDOM_LENGTH } from '../personal-token-secret.js';
import { TOKEN_LIMITS } from './create-personal-token.dto.js';

/** A personal access token as its owner sees it: never the secret, nor anything of it but its prefix. */
export class PersonalTokenDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: TOKEN_LIMITS.nameMax })
  name: string;

  @ApiProperty({ type: [String], enum: SCOPES, enumName: 'Scope', minItems: 1, maxItems: SCOPES.length })
  scopes: Scope[];

  @ApiProperty({
    minLength: DISPLAY_PREFIX_LENGTH,
    maxLength: DISPLAY_PREFIX_LENGTH,
    pattern: `^${TOKEN_PREFIX}[0-9A-Za-z]+$`,
    example: 'tvp_3kTq9Z',
    description: 'The first characters of the secret, to tell tokens apart.',
  })
  prefix: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30, description: 'In the past for a token that has expired.' })
  expiresAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    maxLength: 30,
    description: 'Recorded at most once a minute; null until first used.',
  })
  lastUsedAt: string | null;
}

export class CreatedPersonalTokenDto extends PersonalTokenDto {
  @ApiProperty({
    minLength: TOKEN_PREFIX.length + TOKEN_RANDOM_LENGTH,
    maxLength: 128,
    pattern: `^${TOKEN_PREFIX}[0-9A-Za-z]{${TOKEN_RANDOM_LENGTH},}$`,
    description:
      'The secret, shown in this answer only: `tvp_` and 43 random base62 characters. Send it as `Authorization: Bearer`.',
  })
  token: string;
}

export class PersonalTokenListDto {
  @ApiProperty({
    type: [PersonalTokenDto],
    maxItems: 100,
    description: 'Newest first: live tokens, then those that expired in the last 30 days.',
  })
  items: PersonalTokenDto[];
}

/** The one mapping from a stored token to what its owner sees. */
export function toPersonalTokenResponse(token: PersonalTokenEntity): PersonalTokenDto {
  return {
    id: token.id,
    name: token.name,
    scopes: normaliseScopes(token.scopes),
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt ? token.lastUsedAt.toISOString() : null,
  };
}
