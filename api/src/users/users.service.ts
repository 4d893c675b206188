import { Injectable } from '@nestjs/common';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';
import { BearerChallengeException } from '../auth/jwt/bearer-challenge.exception.js';
import { TasksService } from '../tasks/tasks.service.js';
import { AccountExportDto } from './dto/account-export.dto.js';
import type { UpdateProfileDto } from './dto/update-profile.dto.js';
import { UserProfileDto } from './dto/user-profile.dto.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tasks: TasksService,
  ) {}

  async getProfile(userId: string): Promise<UserProfileDto> {
    const row = await this.users.findProfileById(userId);
    // A valid JWT of a user deleted since: the token no longer names anyone.
    if (!row) throw new BearerChallengeException(true);
    return UserProfileDto.from(row);
  }

  async updateProfile(userId: string, changes: UpdateProfileDto): Promise<UserProfileDto> {
    if (changes.timeZone === undefined && changes.reminderEmails === undefined) return this.getProfile(userId);
    const row = await this.users.updateOwnFields(userId, changes);
    if (row === 'unknown-zone') {
      throw new ValidationFailedException([
        { field: 'timeZone', message: 'timeZone is not a time zone this server knows' },
      ]);
    }
    if (!row) throw new BearerChallengeException(true);
    return UserProfileDto.from(row);
  }

  async exportAccount(userId: string): Promise<AccountExportDto> {
    const profile = await this.getProfile(userId);
    return {
      format: 'taskvault-account-export/1',
      exportedAt: new Date().toISOString(),
      profile,
      tasks: await this.tasks.listAll(userId),
    };
  }
}
