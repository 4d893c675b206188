import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';
import type { CreateWebhookDto } from './dto/create-webhook.dto.js';
import type { UpdateWebhookDto } from './dto/update-webhook.dto.js';
import { toDeliveryResponse, toWebhookResponse } from './dto/webhook-mapping.js';
import type {
  CreatedWebhookDto,
  DeliveryListDto,
  TestDeliveryDto,
  WebhookDto,
  WebhookListDto,
} from './dto/webhook-response.dto.js';
import { checkUrlSyntax, hostOf, httpAllowed, isAllowedAddress, URL_REFUSALS } from './webhook-address-policy.js';
import { WEBHOOK_LIMITS } from './webhook-events.js';
import { WEBHOOK_NETWORK, type WebhookNetwork } from './webhook-network.js';
import { generateWebhookSecret, sealSecret } from './webhook-secret.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { WebhooksRepository } from './webhooks.repository.js';

const notFound = () => new NotFoundException('No webhook with this id.');

/** The rules of a user's webhooks: owner-scoped, at most 10, URLs that reach public addresses only. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly config: AppConfig,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(WEBHOOK_NETWORK) private readonly network: WebhookNetwork,
  ) {}

  async create(ownerId: string, body: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const url = await this.acceptableUrl(body.url);
    const secret = generateWebhookSecret();
    const created = await this.webhooks.createForOwner(
      ownerId,
      {
        url,
        events: body.events,
        description: body.description ?? '',
        secretSealed: await sealSecret(secret, this.config.authSecret),
      },
      WEBHOOK_LIMITS.perUserMax,
    );
    if (created === 'limit') {
      throw new ConflictException(
        `You already have ${WEBHOOK_LIMITS.perUserMax} webhooks; delete one before adding another.`,
      );
    }
    return { ...toWebhookResponse(created), secret };
  }

  async list(ownerId: string): Promise<WebhookListDto> {
    return { items: (await this.webhooks.listForOwner(ownerId)).map(toWebhookResponse) };
  }

  async get(ownerId: string, id: string): Promise<WebhookDto> {
    const row = await this.webhooks.findOneForOwner(id, ownerId);
    if (!row) throw notFound();
    return toWebhookResponse(row);
  }

  async update(ownerId: string, id: string, body: UpdateWebhookDto): Promise<WebhookDto> {
    const url = body.url === undefined ? undefined : await this.acceptableUrl(body.url);
    const row = await this.webhooks.updateForOwner(id, ownerId, {
      url,
      events: body.events,
      description: body.description,
      enabled: body.enabled,
    });
    if (!row) throw notFound();
    return toWebhookResponse(row);
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.webhooks.deleteForOwner(id, ownerId))) throw notFound();
  }

  async rotateSecret(ownerId: string, id: string): Promise<CreatedWebhookDto> {
    const secret = generateWebhookSecret();
    const row = await this.webhooks.rotateSecretForOwner(id, ownerId, await sealSecret(secret, this.config.authSecret));
    if (!row) throw notFound();
    return { ...toWebhookResponse(row), secret };
  }

  async sendTest(ownerId: string, id: string): Promise<TestDeliveryDto> {
    const deliveryId = await this.webhooks.queueTestForOwner(id, ownerId);
    if (!deliveryId) throw notFound();
    this.dispatcher.wake();
    return { deliveryId };
  }

  async deliveries(ownerId: string, id: string): Promise<DeliveryListDto> {
    if (!(await this.webhooks.findOneForOwner(id, ownerId))) throw notFound();
    return { items: (await this.webhooks.listDeliveriesForOwner(id, ownerId)).map(toDeliveryResponse) };
  }

  /**
   * The URL as stored (normalised by the URL parser), or a 400 that says which rule it breaks.
   * The host is resolved here for a friendly answer; deliveries resolve and check it again each
   * time, since what a name resolves to can change after this check.
   */
  private async acceptableUrl(raw: string): Promise<string> {
    const { allowLoopback } = this.config.webhooks;
    const refuse = (reason: keyof typeof URL_REFUSALS) =>
      new ValidationFailedException([{ field: 'url', message: URL_REFUSALS[reason] }]);
    const checked = checkUrlSyntax(raw, allowLoopback);
    if ('refusal' in checked) throw refuse(checked.refusal);
    let addresses;
    try {
      addresses = await this.network.resolve(hostOf(checked.url));
    } catch {
      throw refuse('unresolvable');
    }
    if (addresses.length === 0) throw refuse('unresolvable');
    if (addresses.some(({ address }) => !isAllowedAddress(address, allowLoopback))) throw refuse('forbidden_address');
    if (!httpAllowed(checked.url, addresses)) throw refuse('scheme');
    if (checked.url.href.length > WEBHOOK_LIMITS.urlMax) throw refuse('too_long');
    return checked.url.href;
  }
}
