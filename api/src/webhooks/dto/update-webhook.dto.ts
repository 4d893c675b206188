import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import { CreateWebhookDto } from './create-webhook.dto.js';

/** PATCH: only the fields sent change. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  @ApiPropertyOptional({
    description:
      '`false` stops deliveries (`disabledReason: "by_user"`); `true` starts them again and clears ' +
      '`disabledReason` and `failingSince` (also after the server disabled a failing endpoint).',
  })
  @ValidateIf((_object, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;
}
