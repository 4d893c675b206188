import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresSession } from '../auth/scopes/access.decorators.js';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { ListSecurityActivityQueryDto } from './dto/list-security-activity-query.dto.js';
import { SecurityActivityPageDto } from './dto/security-activity-response.dto.js';
import { SecurityActivityService } from './security-activity.service.js';

/**
 * The caller's security activity. Session only (@RequiresSession), like personal tokens: it shows
 * where and when the account was used, which no script or third-party app needs, and a stolen
 * JWT, personal token or OAuth token must not tell its holder whether the theft was noticed.
 */
@ApiTags('users')
@RequiresSession()
@Controller('users')
export class SecurityActivityController {
  constructor(private readonly activity: SecurityActivityService) {}

  @Get('me/security-activity')
  @ApiOperation({
    summary: 'Your security activity',
    description:
      'Sign-ins (and failed ones), new devices and account changes of the last 90 days, newest first. ' +
      'Recorded by the server when the action happens; only the caller’s own events.',
  })
  @ApiOkResponse({ type: SecurityActivityPageDto })
  @ApiProblemResponses(400)
  listSecurityActivity(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListSecurityActivityQueryDto,
  ): Promise<SecurityActivityPageDto> {
    return this.activity.list(user, query);
  }
}
