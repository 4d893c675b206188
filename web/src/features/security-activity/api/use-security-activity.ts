import { useInfiniteQuery } from '@tanstack/react-query';
import { securityActivityApi } from './security-activity-api';

export const securityActivityKeys = { all: ['security-activity'] as const };

/** The activity log, newest first, a page at a time ("Show older" asks for the next). */
export function useSecurityActivity() {
  return useInfiniteQuery({
    queryKey: securityActivityKeys.all,
    queryFn: ({ pageParam }) => securityActivityApi.page(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
