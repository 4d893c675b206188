import { vi } from 'vitest';
import type { Webhook, WebhookDelivery } from '../features/webhooks/api/webhooks-api';

export interface SeenWebhookRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
export const problem = (status: number, detail: string, errors?: Array<{ field: string; message: string }>) =>
  json(status, { type: 'about:blank', title: 'Error', status, detail, errors }, 'application/problem+json');

let ids = 0;
const uuid = () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`;

export function buildWebhook(patch: Partial<Webhook> = {}): Webhook {
  return {
    id: uuid(),
    url: 'https://hooks.example/taskvault',
    events: ['task.created', 'task.updated', 'task.completed', 'task.deleted'],
    description: '',
    enabled: true,
    disabledReason: null,
    failingSince: null,
    secretRotatedAt: null,
    previousSecretExpiresAt: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...patch,
  };
}

export function buildDelivery(patch: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: uuid(),
    eventId: `evt_${ids}`,
    event: 'task.created',
    status: 'succeeded',
    attempt: 1,
    responseStatus: 204,
    durationMs: 42,
    error: null,
    nextAttemptAt: null,
    createdAt: '2026-11-02T09:00:00.000Z',
    lastAttemptAt: '2026-11-02T09:00:01.000Z',
    ...patch,
  };
}

/**
 * The webhook routes of the API in memory, as the global `fetch`: it answers as the shape agreed
 * with the API does (404 for an unknown id, 409 past 10, 400 for a URL that is not https) and
 * records every request so a test can check what the page sent.
 */
export function fakeWebhooksApi(initial: Webhook[] = []) {
  const state = {
    webhooks: [...initial],
    deliveries: new Map<string, WebhookDelivery[]>(),
    seen: [] as SeenWebhookRequest[],
    secrets: [] as string[],
    /** Replaces the answer to the next POST /api/webhooks, when set. */
    createAnswer: undefined as (() => Response) | undefined,
    /** Called for every GET of deliveries: lets a test move a delivery along between polls. */
    onDeliveriesRead: undefined as ((id: string, list: WebhookDelivery[]) => void) | undefined,
  };
  const newSecret = () => {
    const secret = `whsec_${btoa(String(state.secrets.length + 1).repeat(32))}`;
    state.secrets.push(secret);
    return secret;
  };
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    state.seen.push({
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get('Authorization'),
      body,
    });
    const [, , resource, id, action] = url.pathname.split('/');
    if (resource !== 'webhooks') return problem(404, 'No such route.');
    if (!id && request.method === 'GET') return json(200, { items: state.webhooks });
    if (!id && request.method === 'POST') {
      if (state.createAnswer) return state.createAnswer();
      if (state.webhooks.length >= 10) return problem(409, 'You already have 10 webhooks: delete one first.');
      const webhookUrl = String(body?.url);
      if (!webhookUrl.startsWith('https://'))
        return problem(400, 'The request is not valid.', [{ field: 'url', message: 'url must use https.' }]);
      const webhook = buildWebhook({
        url: webhookUrl,
        events: body?.events as Webhook['events'],
        description: (body?.description as string | undefined) ?? '',
      });
      state.webhooks.unshift(webhook);
      return json(201, { ...webhook, secret: newSecret() });
    }
    const index = state.webhooks.findIndex((webhook) => webhook.id === id);
    if (index < 0) return problem(404, 'No webhook with this id.');
    const webhook = state.webhooks[index];
    if (!action && request.method === 'PATCH') {
      const enabled = body?.enabled as boolean | undefined;
      const changed: Webhook = { ...webhook, ...body, updatedAt: new Date().toISOString() };
      if (enabled === true) Object.assign(changed, { disabledReason: null, failingSince: null });
      if (enabled === false) changed.disabledReason = 'by_user';
      state.webhooks[index] = changed;
      return json(200, changed);
    }
    if (!action && request.method === 'DELETE') {
      state.webhooks.splice(index, 1);
      return json(204, undefined);
    }
    if (action === 'rotate-secret' && request.method === 'POST') {
      const now = new Date();
      const changed: Webhook = {
        ...webhook,
        secretRotatedAt: now.toISOString(),
        previousSecretExpiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      };
      state.webhooks[index] = changed;
      return json(200, { ...changed, secret: newSecret() });
    }
    const deliveries = state.deliveries.get(webhook.id) ?? [];
    state.deliveries.set(webhook.id, deliveries);
    if (action === 'test' && request.method === 'POST') {
      const delivery = buildDelivery({
        event: 'webhook.test',
        status: 'pending',
        attempt: 0,
        responseStatus: null,
        durationMs: null,
        lastAttemptAt: null,
        createdAt: new Date().toISOString(),
      });
      deliveries.unshift(delivery);
      return json(202, { deliveryId: delivery.id });
    }
    if (action === 'deliveries' && request.method === 'GET') {
      state.onDeliveriesRead?.(webhook.id, deliveries);
      return json(200, { items: deliveries });
    }
    return problem(404, 'No such route.');
  };
  vi.stubGlobal('fetch', vi.fn(handle));
  return state;
}
