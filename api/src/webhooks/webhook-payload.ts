import { Webhook } from 'standardwebhooks';
import { toTaskResponse } from '../tasks/dto/task-response.dto.js';
import type { TaskRow } from '../tasks/tasks.repository.js';
import { TEST_EVENT } from './webhook-events.js';

export const USER_AGENT = 'Taskvault-Webhooks/1';

/**
 * The task as the write statement returned it (to_jsonb of the row, camelCase columns): its
 * timestamps come back as strings, and become Dates again for the API's one task mapping.
 */
function taskFromSnapshot(snapshot: Record<string, unknown>): TaskRow {
  const row: Record<string, unknown> = { ...snapshot };
  for (const [key, value] of Object.entries(row)) {
    if (key.endsWith('At') && typeof value === 'string') row[key] = new Date(value);
  }
  return row as unknown as TaskRow;
}

/** The JSON body of a delivery: `{ type, timestamp, data }` (Standard Webhooks' recommended shape). */
export function deliveryBody(event: string, payload: Record<string, unknown>, occurredAt: Date): string {
  const data =
    event === TEST_EVENT ? { webhookId: payload.webhookId } : { task: toTaskResponse(taskFromSnapshot(payload)) };
  return JSON.stringify({ type: event, timestamp: occurredAt.toISOString(), data });
}

/**
 * The request headers, signed per Standard Webhooks with the `standardwebhooks` package: one
 * `v1,` signature per secret in use, space-separated (two during a rotation). Nothing else is
 * sent: no cookie, no credential.
 */
export function deliveryHeaders(
  eventId: string,
  body: string,
  secrets: string[],
  sentAt: Date,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, sentAt, body)).join(' '),
  };
}
