import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import { decodeActivityCursor, encodeActivityCursor } from './activity-cursor.js';
import { ACTIVITY_PAGE, type ListSecurityActivityQueryDto } from './dto/list-security-activity-query.dto.js';
import { type SecurityActivityPageDto, toSecurityEventDto } from './dto/security-activity-response.dto.js';
import { SecurityActivityRepository } from './security-activity.repository.js';

/** The caller's own security activity, a page at a time. */
@Injectable()
export class SecurityActivityService {
  constructor(private readonly events: SecurityActivityRepository) {}

  async list(user: AuthenticatedUser, query: ListSecurityActivityQueryDto): Promise<SecurityActivityPageDto> {
    const limit = query.limit ?? ACTIVITY_PAGE.default;
    const after = query.cursor === undefined ? undefined : decodeActivityCursor(query.cursor);
    // One more than the page tells whether there is a next one.
    const rows = await this.events.listForOwner(user.id, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toSecurityEventDto(row, user.sessionId)),
      nextCursor:
        rows.length > limit && last ? encodeActivityCursor({ occurredAt: last.cursor_at, id: last.id }) : null,
    };
  }
}
