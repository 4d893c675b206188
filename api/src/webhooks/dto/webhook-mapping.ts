import type { DeliveryRow, WebhookRow } from '../webhooks.repository.js';
import type { DeliveryDto, WebhookDto } from './webhook-response.dto.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The one mapping from a stored webhook to what its owner sees (never a secret). */
export function toWebhookResponse(row: WebhookRow): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    secretRotatedAt: iso(row.secretRotatedAt),
    previousSecretExpiresAt: iso(row.previousSecretExpiresAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDeliveryResponse(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    eventId: row.eventId,
    event: row.event,
    status: row.status,
    attempt: row.attempt,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    error: row.error,
    nextAttemptAt: iso(row.nextAttemptAt),
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: iso(row.lastAttemptAt),
  };
}
