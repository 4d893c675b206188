import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator.js';
import { RequiresScopes } from '../auth/scopes/access.decorators.js';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator.js';
import { ProblemDetailsDto } from '../common/openapi/problem-details.dto.js';
import { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { UpdateWebhookDto } from './dto/update-webhook.dto.js';
import {
  CreatedWebhookDto,
  DeliveryListDto,
  TestDeliveryDto,
  WebhookDto,
  WebhookListDto,
} from './dto/webhook-response.dto.js';
import { TaskEventPayloadDto, TestEventPayloadDto } from './dto/webhook-payload.dto.js';
import { WEBHOOK_LIMITS } from './webhook-events.js';
import { WebhookIdPipe } from './webhook-id.pipe.js';
import { WebhooksService } from './webhooks.service.js';

const DELIVERY_NOTE =
  'Deliveries are POSTed as JSON (the schema `TaskEventPayloadDto`, or `TestEventPayloadDto` for `webhook.test`, ' +
  'under this document’s components) with `user-agent: Taskvault-Webhooks/1`, and signed per Standard Webhooks: headers `webhook-id`, ' +
  '`webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`; ' +
  'two, space-separated, for 24 hours after a rotation). Receivers should reject timestamps more than 5 minutes ' +
  'off and drop repeated `webhook-id`s: delivery is at least once.';

/**
 * The caller's webhooks at /api/webhooks. A webhook sends the owner's tasks to a URL, so
 * managing one needs both `tasks:read` and `webhooks:write`.
 */
@ApiTags('webhooks')
@ApiExtraModels(TaskEventPayloadDto, TestEventPayloadDto)
@RequiresScopes('tasks:read', 'webhooks:write')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a webhook',
    description:
      `Subscribe a URL to task events; at most ${WEBHOOK_LIMITS.perUserMax} webhooks per user. The signing ` +
      `secret is in the answer only, once. ${DELIVERY_NOTE}`,
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto, description: 'The new webhook, with its secret: shown this once.' })
  @ApiConflictResponse({
    description: `The user already has ${WEBHOOK_LIMITS.perUserMax} webhooks.`,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  })
  @ApiProblemResponses(400, 413)
  createWebhook(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(user.id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List your webhooks',
    description: 'The caller’s webhooks, newest first. Never their secrets.',
  })
  @ApiOkResponse({ type: WebhookListDto })
  listWebhooks(@CurrentUser() user: AuthenticatedUser): Promise<WebhookListDto> {
    return this.webhooks.list(user.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook', description: 'One of the caller’s webhooks.' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblemResponses(400, 404)
  getWebhook(@CurrentUser() user: AuthenticatedUser, @Param('id', WebhookIdPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.get(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a webhook',
    description: 'Only the fields sent change. `enabled: true` turns a disabled webhook on again.',
  })
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblemResponses(400, 404, 413)
  updateWebhook(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', WebhookIdPipe) id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook', description: 'Deletes the webhook and its delivery log.' })
  @ApiNoContentResponse({ description: 'Deleted: nothing more is delivered to it.' })
  @ApiProblemResponses(400, 404)
  async deleteWebhook(@CurrentUser() user: AuthenticatedUser, @Param('id', WebhookIdPipe) id: string): Promise<void> {
    await this.webhooks.remove(user.id, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate a webhook’s secret',
    description: `A new secret, shown in this answer only. The previous one keeps signing (a second signature) for ${WEBHOOK_LIMITS.previousSecretHours} hours.`,
  })
  @ApiOkResponse({ type: CreatedWebhookDto })
  @ApiProblemResponses(400, 404)
  rotateWebhookSecret(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', WebhookIdPipe) id: string,
  ): Promise<CreatedWebhookDto> {
    return this.webhooks.rotateSecret(user.id, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a test event',
    description:
      'Queues a `webhook.test` delivery to this webhook alone (also when it is disabled). It leaves within about a second; see the deliveries log.',
  })
  @ApiAcceptedResponse({ type: TestDeliveryDto })
  @ApiProblemResponses(400, 404)
  sendWebhookTest(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', WebhookIdPipe) id: string,
  ): Promise<TestDeliveryDto> {
    return this.webhooks.sendTest(user.id, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'List a webhook’s deliveries',
    description: `The last ${WEBHOOK_LIMITS.deliveriesListed} deliveries, newest first: status, HTTP status and timing of the last attempt. What the receiver answered is never kept.`,
  })
  @ApiOkResponse({ type: DeliveryListDto })
  @ApiProblemResponses(400, 404)
  listWebhookDeliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', WebhookIdPipe) id: string,
  ): Promise<DeliveryListDto> {
    return this.webhooks.deliveries(user.id, id);
  }
}
