import { api } from '../../../lib/api-client';
import { toApiError } from '../../../lib/api-error';
import type { components } from '../../../lib/api/schema';

export type Webhook = components['schemas']['WebhookDto'];
export type CreatedWebhook = components['schemas']['CreatedWebhookDto'];
export type NewWebhook = components['schemas']['CreateWebhookDto'];
export type WebhookChanges = components['schemas']['UpdateWebhookDto'];
export type WebhookDelivery = components['schemas']['DeliveryDto'];
export type WebhookEvent = Webhook['events'][number];

const fail = (error: unknown, response: Response): never => {
  throw toApiError(error, response);
};

/**
 * The webhook routes answer to the session's JWT (or a token with `webhooks:write`): the app's
 * api-client, which adds the JWT and refreshes it once on a 401.
 */
export const webhooksApi = {
  async list(): Promise<Webhook[]> {
    const { data, error, response } = await api.GET('/api/webhooks');
    return (data ?? fail(error, response)).items;
  },
  async create(body: NewWebhook): Promise<CreatedWebhook> {
    const { data, error, response } = await api.POST('/api/webhooks', { body });
    return data ?? fail(error, response);
  },
  async update(id: string, body: WebhookChanges): Promise<Webhook> {
    const { data, error, response } = await api.PATCH('/api/webhooks/{id}', { params: { path: { id } }, body });
    return data ?? fail(error, response);
  },
  async remove(id: string): Promise<void> {
    const { error, response } = await api.DELETE('/api/webhooks/{id}', { params: { path: { id } } });
    if (!response.ok) fail(error, response);
  },
  async rotateSecret(id: string): Promise<CreatedWebhook> {
    const { data, error, response } = await api.POST('/api/webhooks/{id}/rotate-secret', {
      params: { path: { id } },
    });
    return data ?? fail(error, response);
  },
  async sendTest(id: string): Promise<string> {
    const { data, error, response } = await api.POST('/api/webhooks/{id}/test', { params: { path: { id } } });
    return (data ?? fail(error, response)).deliveryId;
  },
  async deliveries(id: string): Promise<WebhookDelivery[]> {
    const { data, error, response } = await api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id } } });
    return (data ?? fail(error, response)).items;
  },
};
