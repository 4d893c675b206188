import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivityCursor } from './activity-cursor.js';
import type { SecurityEventRow } from './dto/security-activity-response.dto.js';
import { RETENTION_DAYS } from './security-event-kinds.js';

export type ListedSecurityEvent = SecurityEventRow & { cursor_at: string };

/** The SQL of the activity log. Every read carries its owner; nothing past the retention window is read. */
@Injectable()
export class SecurityActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The owner's events, newest first, after the cursor, within the retention window. */
  listForOwner(ownerId: string, limit: number, after?: ActivityCursor): Promise<ListedSecurityEvent[]> {
    return this.dataSource.query(
      `select "id", "kind", "occurred_at", "ip", "device", "session_id", "detail",
              to_char("occurred_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursor_at"
       from "security_event"
       where "user_id" = $1
         and "occurred_at" > now() - make_interval(days => ${RETENTION_DAYS})
         and ($3::timestamptz is null or ("occurred_at", "id") < ($3::timestamptz, $4::uuid))
       order by "occurred_at" desc, "id" desc
       limit $2`,
      [ownerId, limit, after?.occurredAt ?? null, after?.id ?? null],
    );
  }

  /** Deletes every user's events older than the retention window; answers how many. */
  async deleteExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `delete from "security_event" where "occurred_at" <= now() - make_interval(days => ${RETENTION_DAYS})`,
    )) as [unknown, number];
    return count;
  }
}
