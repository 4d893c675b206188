import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { oauthApi, type NewOAuthClient } from './oauth-api';

const keys = {
  consents: ['oauth', 'consents'] as const,
  clients: ['oauth', 'clients'] as const,
  publicClient: (clientId: string) => ['oauth', 'public-client', clientId] as const,
};

/** The name and address an app registered, as the consent, device and Connected apps pages show it. */
export function usePublicClient(clientId: string | undefined) {
  return useQuery({
    queryKey: keys.publicClient(clientId ?? ''),
    queryFn: () => oauthApi.publicClient(clientId!),
    enabled: Boolean(clientId),
    staleTime: 60_000,
  });
}

export function usePublicClients(clientIds: string[]) {
  return useQueries({
    queries: clientIds.map((clientId) => ({
      queryKey: keys.publicClient(clientId),
      queryFn: () => oauthApi.publicClient(clientId),
      staleTime: 60_000,
    })),
  });
}

export function useConsents() {
  return useQuery({ queryKey: keys.consents, queryFn: () => oauthApi.consents() });
}

export function useRevokeConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => oauthApi.revokeConsent(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.consents }),
  });
}

export function useOAuthClients() {
  return useQuery({ queryKey: keys.clients, queryFn: () => oauthApi.clients() });
}

function useClientMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.clients }),
  });
}

export const useCreateOAuthClient = () => useClientMutation((body: NewOAuthClient) => oauthApi.createClient(body));
export const useUpdateRedirectUris = () =>
  useClientMutation(({ clientId, redirectUris }: { clientId: string; redirectUris: string[] }) =>
    oauthApi.updateRedirectUris(clientId, redirectUris),
  );
export const useRotateSecret = () => useClientMutation((clientId: string) => oauthApi.rotateSecret(clientId));
export const useDeleteOAuthClient = () => useClientMutation((clientId: string) => oauthApi.deleteClient(clientId));
