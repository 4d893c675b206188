import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { toApiError } from '../../../lib/api-error';
import type { components } from '../../../lib/api/schema';

export type Profile = components['schemas']['UserProfileDto'];
export type ProfileChanges = components['schemas']['UpdateProfileDto'];

const profileKey = ['profile', 'me'] as const;

export function useProfile() {
  return useQuery({
    queryKey: profileKey,
    queryFn: async (): Promise<Profile> => {
      const { data, error, response } = await api.GET('/api/users/me');
      if (!data) throw toApiError(error, response);
      return data;
    },
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProfileChanges): Promise<Profile> => {
      const { data, error, response } = await api.PATCH('/api/users/me', { body });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (profile) => queryClient.setQueryData(profileKey, profile),
  });
}
