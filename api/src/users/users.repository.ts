import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface UserProfileRow {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
}

/** Read access to Better Auth's `user` table; Better Auth owns its writes. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findProfileById(id: string): Promise<UserProfileRow | undefined> {
    const rows: UserProfileRow[] = await this.dataSource.query(
      'select "id", "name", "email", "emailVerified", "createdAt" from "user" where "id" = $1',
      [id],
    );
    return rows[0];
  }
}
