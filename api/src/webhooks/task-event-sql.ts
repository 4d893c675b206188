import { TEST_EVENT, type WebhookEvent } from './webhook-events.js';

/** SQL yielding the event a task write is: a literal, or an expression over the written row `t`. */
export type TaskEventSql = `'${WebhookEvent}'` | typeof UPDATED_OR_COMPLETED;

/**
 * An update that set completed_at to this transaction's now() completed the task (completed_at
 * moves only when `completed` turns true; see UPDATE_SET in tasks.repository.ts): task.completed.
 * Any other update is task.updated. The column keeps milliseconds, hence the cast.
 */
export const UPDATED_OR_COMPLETED =
  `CASE WHEN t.completed AND t."completedAt" = now()::timestamptz(3) THEN 'task.completed' ELSE 'task.updated' END` as const;

/**
 * Wraps a task write (an INSERT, UPDATE or DELETE … RETURNING the task's columns, "ownerId"
 * among them) so that the same statement queues one webhook delivery per enabled webhook of the
 * owner subscribed to the event, with the task as written. The event exists if and only if the
 * write commits. For an owner without webhooks it costs one probe of webhook_owner_idx and no
 * round trip. `ctes` are CTEs the write reads (e.g. `slot AS (…)`). The statement answers the
 * written rows, as the write alone did.
 */
export function withTaskEvent(event: TaskEventSql, write: string, ctes?: string): string {
  return `WITH ${ctes ? `${ctes},` : ''}
    t AS (${write}),
    webhook_events AS (
      INSERT INTO webhook_delivery (webhook_id, event, payload)
      SELECT w.id, ev.event, to_jsonb(t) FROM t
        CROSS JOIN LATERAL (SELECT ${event} AS event) ev
        JOIN webhook w ON w.owner_id = t."ownerId"
      WHERE w.enabled AND ev.event = ANY (w.events) AND ev.event <> '${TEST_EVENT}')
    SELECT * FROM t`;
}
