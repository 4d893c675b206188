import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { tokensApi, type NewPersonalToken } from './tokens-api';

const tokenKeys = { all: ['personal-tokens'] as const };

export function usePersonalTokens() {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => tokensApi.list() });
}

export function useCreatePersonalToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPersonalToken) => tokensApi.create(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokePersonalToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => tokensApi.revoke(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
