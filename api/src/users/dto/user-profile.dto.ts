import { ApiProperty } from '@nestjs/swagger';
import type { UserProfileRow } from '../users.repository.js';

export class UserProfileDto {
  @ApiProperty({ format: 'uuid', minLength: 36, maxLength: 36 })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 100 })
  name: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  email: string;

  @ApiProperty()
  emailVerified: boolean;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
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
