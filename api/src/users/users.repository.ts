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
  reminderEmails: boolean;
}

const PROFILE_COLUMNS = '"id", "name", "email", "emailVerified", "createdAt", "timeZone", "reminderEmails"';

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

  /**
   * Changes the columns Better Auth does not know. A time zone is taken only when PostgreSQL knows
   * it too (its rules compute the due views). Undefined: no such user.
   */
  async updateOwnFields(
    id: string,
    changes: { timeZone?: string; reminderEmails?: boolean },
  ): Promise<UserProfileRow | 'unknown-zone' | undefined> {
    if (changes.timeZone !== undefined) {
      const [zone] = await this.dataSource.query('select 1 from pg_timezone_names where name = $1', [changes.timeZone]);
      if (!zone) return 'unknown-zone';
    }
    const [rows]: [UserProfileRow[], number] = await this.dataSource.query(
      `update "user" set "timeZone" = coalesce($2, "timeZone"), "reminderEmails" = coalesce($3, "reminderEmails"),
        "updatedAt" = now() where "id" = $1 returning ${PROFILE_COLUMNS}`,
      [id, changes.timeZone ?? null, changes.reminderEmails ?? null],
    );
    return rows[0];
  }
}
