import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CodePointLength } from '../../common/validation/code-point-length.decorator.js';
import { IsSafeText } from '../../common/validation/safe-text.decorator.js';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, type WebhookEvent } from '../webhook-events.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const URL_DESCRIPTION =
  'Where deliveries are POSTed: an https URL (http only to loopback, on a server configured to allow it), ' +
  `at most ${WEBHOOK_LIMITS.urlMax} characters, no user name or password, no fragment. Refused (400) when its host is, or ` +
  'resolves to, a loopback, private, link-local, CGNAT, multicast, reserved or cloud metadata address.';

/** The events of a webhook, as sent and as answered. */
export const EVENTS_SCHEMA = {
  type: [String],
  enum: WEBHOOK_EVENTS,
  enumName: 'WebhookEvent',
  minItems: 1,
  maxItems: WEBHOOK_EVENTS.length,
  uniqueItems: true,
};

export class CreateWebhookDto {
  @ApiProperty({
    minLength: 1,
    maxLength: WEBHOOK_LIMITS.urlMax,
    example: 'https://example.com/hooks/taskvault',
    description: URL_DESCRIPTION,
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(WEBHOOK_LIMITS.urlMax)
  url: string;

  @ApiProperty({
    ...EVENTS_SCHEMA,
    example: ['task.created', 'task.completed'],
    description: 'The events to receive.',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({
    maxLength: WEBHOOK_LIMITS.descriptionMax,
    default: '',
    example: 'Sync to the calendar service',
    description: 'What the webhook is for. Trimmed.',
  })
  @ValidateIf((_object, value) => value !== undefined)
  @Transform(trim)
  @IsString()
  @CodePointLength(0, WEBHOOK_LIMITS.descriptionMax)
  @IsSafeText()
  description?: string;
}
