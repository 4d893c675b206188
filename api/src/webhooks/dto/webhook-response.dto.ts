import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_ERRORS,
  DELIVERY_STATUSES,
  type DeliveryError,
  type DeliveryStatus,
  DISABLED_REASONS,
  type DisabledReason,
  WEBHOOK_LIMITS,
  type WebhookEvent,
} from '../webhook-events.js';
import { SECRET_PATTERN } from '../webhook-secret.js';
import { EVENTS_SCHEMA } from './create-webhook.dto.js';

const dateTime = { type: String, format: 'date-time', maxLength: 30 } as const;
const nullableDateTime = { ...dateTime, nullable: true } as const;

/** A webhook as its owner sees it: never its secret. */
export class WebhookDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: WEBHOOK_LIMITS.urlMax })
  url: string;

  @ApiProperty(EVENTS_SCHEMA)
  events: WebhookEvent[];

  @ApiProperty({ maxLength: WEBHOOK_LIMITS.descriptionMax })
  description: string;

  @ApiProperty({ description: 'Whether deliveries are made.' })
  enabled: boolean;

  @ApiProperty({
    type: String,
    // null is listed too: OpenAPI 3.0 validators check `enum` before `nullable`.
    enum: [...DISABLED_REASONS, null],
    nullable: true,
    description:
      '`failing`: the server disabled it after ' +
      `${WEBHOOK_LIMITS.disableAfterDays} days of failed deliveries (its owner was mailed); \`by_user\`: turned off by its owner.`,
  })
  disabledReason: DisabledReason | null;

  @ApiProperty({ ...nullableDateTime, description: 'The first failed attempt since the last success; null when none.' })
  failingSince: string | null;

  @ApiProperty({ ...nullableDateTime, description: 'When the secret was last rotated.' })
  secretRotatedAt: string | null;

  @ApiProperty({
    ...nullableDateTime,
    description: 'Until then deliveries are also signed with the previous secret (a second signature).',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty(dateTime)
  createdAt: string;

  @ApiProperty(dateTime)
  updatedAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    pattern: SECRET_PATTERN,
    minLength: 50,
    maxLength: 50,
    description:
      'The signing secret (Standard Webhooks: `whsec_` and 32 random bytes in base64), shown in this answer only.',
  })
  secret: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto], maxItems: WEBHOOK_LIMITS.perUserMax, description: 'Newest first.' })
  items: WebhookDto[];
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  id: string;

  @ApiProperty({
    pattern: '^evt_[0-9a-f]{32}$',
    maxLength: 40,
    description: 'The `webhook-id` header of the delivery: the same on every attempt, for receivers to drop repeats.',
  })
  eventId: string;

  @ApiProperty({ maxLength: 32, example: 'task.created', description: 'A task event, or `webhook.test`.' })
  event: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  status: DeliveryStatus;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 1000, description: 'Attempts made so far.' })
  attempt: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    nullable: true,
    minimum: 100,
    maximum: 599,
    description: 'The HTTP status of the last attempt.',
  })
  responseStatus: number | null;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    nullable: true,
    minimum: 0,
    maximum: 120_000,
    description: 'How long the last attempt took (milliseconds).',
  })
  durationMs: number | null;

  @ApiProperty({
    type: String,
    enum: [...DELIVERY_ERRORS, null],
    nullable: true,
    description:
      'Why the last attempt failed. The receiver’s answer is never stored or shown: only its status and timing.',
  })
  error: DeliveryError | null;

  @ApiProperty({ ...nullableDateTime, description: 'When the next attempt is due; null when none will be made.' })
  nextAttemptAt: string | null;

  @ApiProperty(dateTime)
  createdAt: string;

  @ApiProperty(nullableDateTime)
  lastAttemptAt: string | null;
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto], maxItems: WEBHOOK_LIMITS.deliveriesListed, description: 'Newest first.' })
  items: DeliveryDto[];
}

export class TestDeliveryDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'The queued delivery (see the deliveries log).' })
  deliveryId: string;
}
