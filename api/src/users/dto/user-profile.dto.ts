import { ApiProperty } from '@nestjs/swagger';
import type { UserProfileRow } from '../users.repository.js';

export class UserProfileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty()
  emailVerified: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(row: UserProfileRow): UserProfileDto {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      emailVerified: row.emailVerified,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
