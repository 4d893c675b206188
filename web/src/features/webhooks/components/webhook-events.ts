import type { WebhookDelivery, WebhookEvent } from '../api/webhooks-api';

export const EVENT_CHOICES: Array<{ event: WebhookEvent; label: string }> = [
  { event: 'task.created', label: 'A task is created' },
  { event: 'task.updated', label: 'A task is changed' },
  { event: 'task.completed', label: 'A task is completed' },
  { event: 'task.deleted', label: 'A task is deleted' },
];

export const DESCRIPTION_MAX = 200;
export const WEBHOOKS_MAX = 10;

export const STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  retrying: 'Retrying',
  failed: 'Failed',
};

/** Why an attempt failed, in words; the server never shows the receiver's body back. */
export const ERROR_LABELS: Record<NonNullable<WebhookDelivery['error']>, string> = {
  timeout: 'no answer within 10 s',
  connection_error: 'could not connect',
  forbidden_address: 'the address is not allowed',
  redirect: 'answered with a redirect (not followed)',
  http_error: 'error status',
  tls_error: 'TLS failed',
};

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const formatWhen = (iso: string) => when.format(new Date(iso));
