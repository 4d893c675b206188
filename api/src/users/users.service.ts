import { Injectable } from '@nestjs/common';
import { BearerChallengeException } from '../auth/jwt/bearer-challenge.exception.js';
import { UserProfileDto } from './dto/user-profile.dto.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async getProfile(userId: string): Promise<UserProfileDto> {
    const row = await this.users.findProfileById(userId);
    // A valid JWT of a user deleted since: the token no longer names anyone.
    if (!row) throw new BearerChallengeException(true);
    return UserProfileDto.from(row);
  }
}
