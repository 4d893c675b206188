import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_PAGE, CURSOR_PATTERN } from './list-security-activity-query.dto.js';
import {
  SECURITY_EVENT_KINDS,
  type SecurityEventDetail,
  type SecurityEventKind,
  SIGN_IN_METHODS,
  type SignInMethod,
} from '../security-event-kinds.js';

/** One security event as its owner sees it: never the raw User-Agent, the session or anything secret. */
export class SecurityEventDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ enum: SECURITY_EVENT_KINDS, enumName: 'SecurityEventKind' })
  kind: SecurityEventKind;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  occurredAt: string;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'The client IP the server saw (X-Forwarded-For only from the proxies TRUST_PROXY names).',
  })
  ip: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 120,
    example: 'Firefox on Linux',
    description: 'Browser and system, read from the User-Agent; null when none was sent.',
  })
  device: string | null;

  @ApiProperty({ description: 'True when the event belongs to the session making this request.' })
  thisDevice: boolean;

  @ApiPropertyOptional({
    enum: SIGN_IN_METHODS,
    enumName: 'SignInMethod',
    description: 'How a sign-in (or failed one) was made.',
  })
  method?: SignInMethod;

  @ApiPropertyOptional({ maxLength: 200, description: 'The OAuth app (its public client id) granted access.' })
  clientId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'The name of the personal access token.' })
  tokenName?: string;
}

export class SecurityActivityPageDto {
  @ApiProperty({ type: [SecurityEventDto], maxItems: 100, description: 'Newest first, from the last 90 days only.' })
  items: SecurityEventDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: ACTIVITY_PAGE.cursorMaxLength,
    pattern: CURSOR_PATTERN,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export interface SecurityEventRow {
  id: string;
  kind: SecurityEventKind;
  occurred_at: Date;
  ip: string | null;
  device: string | null;
  session_id: string | null;
  detail: SecurityEventDetail;
}

/** The one mapping from a stored row to what its owner sees. */
export function toSecurityEventDto(row: SecurityEventRow, currentSessionId: string | undefined): SecurityEventDto {
  const { method, clientId, tokenName } = row.detail ?? {};
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    ip: row.ip,
    device: row.device,
    thisDevice: currentSessionId !== undefined && row.session_id === currentSessionId,
    ...(method ? { method } : {}),
    ...(clientId ? { clientId } : {}),
    ...(tokenName ? { tokenName } : {}),
  };
}
