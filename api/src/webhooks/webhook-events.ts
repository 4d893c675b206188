/** The task events a webhook may subscribe to, and the one event only the test route sends. */
export const WEBHOOK_EVENTS = ['task.created', 'task.updated', 'task.completed', 'task.deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const TEST_EVENT = 'webhook.test';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'retrying', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why an attempt failed, as the delivery log shows it: a code, never the receiver's own words. */
export const DELIVERY_ERRORS = [
  'timeout',
  'connection_error',
  'forbidden_address',
  'redirect',
  'http_error',
  'tls_error',
] as const;
export type DeliveryError = (typeof DELIVERY_ERRORS)[number];

export const DISABLED_REASONS = ['failing', 'by_user'] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/** The contract's limits, in one place for validation, documentation and the service. */
export const WEBHOOK_LIMITS = {
  perUserMax: 10,
  urlMax: 2048,
  descriptionMax: 200,
  deliveriesListed: 50,
  /** A rotated-out secret still signs for this long. */
  previousSecretHours: 24,
  /** Retries stop this long after the event. */
  retryForHours: 24,
  /** An endpoint failing without a success for this long is disabled. */
  disableAfterDays: 3,
  timeoutMs: 10_000,
  responseBodyMaxBytes: 64 * 1024,
} as const;
