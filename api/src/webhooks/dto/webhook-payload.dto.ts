import { ApiProperty } from '@nestjs/swagger';
import { TaskResponseDto } from '../../tasks/dto/task-response.dto.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhook-events.js';

export class TaskEventDataDto {
  @ApiProperty({
    type: TaskResponseDto,
    description: 'The task as the API answers it after the change; for `task.deleted`, as it was.',
  })
  task: TaskResponseDto;
}

/** What a receiver gets for a task event (documented in the document's `webhooks` section). */
export class TaskEventPayloadDto {
  @ApiProperty({ enum: WEBHOOK_EVENTS, enumName: 'WebhookEvent' })
  type: WebhookEvent;

  @ApiProperty({ format: 'date-time', maxLength: 30, description: 'When the change happened.' })
  timestamp: string;

  @ApiProperty({ type: TaskEventDataDto })
  data: TaskEventDataDto;
}

export class TestEventDataDto {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  webhookId: string;
}

export class TestEventPayloadDto {
  @ApiProperty({ enum: ['webhook.test'] })
  type: 'webhook.test';

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  timestamp: string;

  @ApiProperty({ type: TestEventDataDto })
  data: TestEventDataDto;
}
