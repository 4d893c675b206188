import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface UserProfileRow {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  timeZone: string;
}

const PROFILE_COLUMNS = '"id", "name", "email", "emailVerified", "createdAt", "timeZone"';

/** Access to Better Auth's `user` table: Better Auth owns its writes, but for the columns it does not know. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findProfileById(id: string): Promise<UserProfileRow | undefined> {
    const rows: UserProfileRow[] = await this.dataSource.query(
      `select ${PROFILE_COLUMNS} from "user" where "id" = $1`,
      [id],
    );
    return rows[0];
  }

  /** Sets the time zone when PostgreSQL knows it too (its rules compute the due views); undefined otherwise. */
  async updateTimeZone(id: string, timeZone: string): Promise<UserProfileRow | 'unknown-zone' | undefined> {
    const [zone] = await this.dataSource.query('select 1 from pg_timezone_names where name = $1', [timeZone]);
    if (!zone) return 'unknown-zone';
    const [rows]: [UserProfileRow[], number] = await this.dataSource.query(
      `update "user" set "timeZone" = $2, "updatedAt" = now() where "id" = $1 returning ${PROFILE_COLUMNS}`,
      [id, timeZone],
    );
    return rows[0];
  }
}
