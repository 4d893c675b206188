import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { webhooksApi, type NewWebhook, type Webhook, type WebhookChanges, type WebhookDelivery } from './webhooks-api';

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

/** How often an open delivery log asks again while a delivery is still on its way. */
export const DELIVERY_POLL_MS = 1000;

const unsettled = (deliveries: WebhookDelivery[] | undefined) =>
  deliveries?.some((delivery) => delivery.status === 'pending' || delivery.status === 'retrying') ?? false;

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: () => webhooksApi.list() });
}

/** The last 50 deliveries; asked again every second while one is pending or retrying. */
export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: () => webhooksApi.deliveries(id),
    refetchInterval: (query) => (unsettled(query.state.data) ? DELIVERY_POLL_MS : false),
  });
}

/**
 * The answers to create and rotate hold the signing secret: with gcTime 0 the mutation cache
 * forgets them as soon as the component that asked is gone, so the secret lives only as long as
 * it is on screen.
 */
const SECRET_BEARING = { gcTime: 0 } as const;

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    ...SECRET_BEARING,
    mutationFn: (body: NewWebhook) => webhooksApi.create(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useUpdateWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookChanges) => webhooksApi.update(id, body),
    onSuccess: (updated: Webhook) =>
      queryClient.setQueryData<Webhook[]>(webhookKeys.all, (list) =>
        list?.map((webhook) => (webhook.id === id ? updated : webhook)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => webhooksApi.remove(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useRotateWebhookSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    ...SECRET_BEARING,
    mutationFn: () => webhooksApi.rotateSecret(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useSendTestEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => webhooksApi.sendTest(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}
