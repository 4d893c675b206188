import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresSession } from '../auth/scopes/access.decorators.js';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { ProblemDetailsDto } from '../common/openapi/problem-details.dto.js';
import { CreatePersonalTokenDto, TOKEN_LIMITS } from './dto/create-personal-token.dto.js';
import { CreatedPersonalTokenDto, PersonalTokenListDto } from './dto/personal-token-response.dto.js';
import { RequestOrigin } from '../security-activity/request-origin.decorator.js';
import type { ActivityOrigin } from '../security-activity/security-activity.recorder.js';
import { PersonalTokensService } from './personal-tokens.service.js';
import { TokenIdPipe } from './token-id.pipe.js';

/**
 * The caller's personal access tokens at /api/tokens. Only the user's own session may manage
 * them (@RequiresSession): a JWT or a personal token gets 403.
 */
@ApiTags('tokens')
@RequiresSession()
@Controller('tokens')
export class PersonalTokensController {
  constructor(private readonly tokens: PersonalTokensService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a personal access token',
    description:
      'Create a personal access token. The secret is in the answer only, once; only its SHA-256 is stored. ' +
      `At most ${TOKEN_LIMITS.liveTokensMax} unexpired tokens per user; expiry 1–${TOKEN_LIMITS.expiresInDaysMax} days (default ${TOKEN_LIMITS.expiresInDaysDefault}).`,
  })
  @ApiCreatedResponse({
    type: CreatedPersonalTokenDto,
    description: 'The new token, with its secret in `token`: shown this once, never again.',
  })
  @ApiConflictResponse({
    description: `The user already has ${TOKEN_LIMITS.liveTokensMax} unexpired tokens.`,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  })
  @ApiProblemResponses(400, 413)
  createPersonalToken(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreatePersonalTokenDto,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<CreatedPersonalTokenDto> {
    return this.tokens.create(user.id, body, origin);
  }

  @Get()
  @ApiOperation({
    summary: 'List your personal access tokens',
    description: 'List the caller’s personal access tokens. Secrets are never listed, only their prefix.',
  })
  @ApiOkResponse({ type: PersonalTokenListDto })
  listPersonalTokens(@CurrentUser() user: AuthenticatedUser): Promise<PersonalTokenListDto> {
    return this.tokens.list(user.id);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a personal access token',
    description: 'Revoke a personal access token. Every instance refuses it within a second.',
  })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: refused from now on, on every instance within a second.' })
  @ApiProblemResponses(400, 404)
  async revokePersonalToken(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TokenIdPipe) id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<void> {
    await this.tokens.revoke(user.id, id, origin);
  }
}
