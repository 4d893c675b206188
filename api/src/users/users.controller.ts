import { Body, Controller, Get, Header, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresScope } from '../auth/scopes/access.decorators.js';
import { AccountExportDto } from './dto/account-export.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { UserProfileDto } from './dto/user-profile.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: UserProfileDto })
  @RequiresScope('tasks:read')
  getMe(@CurrentUser() user: AuthenticatedUser): Promise<UserProfileDto> {
    return this.users.getProfile(user.id);
  }

  @Patch('me')
  @ApiOperation({ summary: "Change the caller's own settings: time zone and reminder mails" })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiProblemResponses(400, 413)
  @RequiresScope('tasks:write')
  updateMe(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateProfileDto): Promise<UserProfileDto> {
    return this.users.updateProfile(user.id, body);
  }

  @Get('me/export')
  @RequiresScope('tasks:read')
  @ApiOperation({ summary: "A JSON download of the caller's profile and every task" })
  @ApiOkResponse({
    type: AccountExportDto,
    headers: {
      'Content-Disposition': {
        description: 'A download named taskvault-export.json.',
        schema: { type: 'string', enum: ['attachment; filename="taskvault-export.json"'] },
      },
    },
  })
  @Header('Content-Disposition', 'attachment; filename="taskvault-export.json"')
  exportAccount(@CurrentUser() user: AuthenticatedUser): Promise<AccountExportDto> {
    return this.users.exportAccount(user.id);
  }
}
