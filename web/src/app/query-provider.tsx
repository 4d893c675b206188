import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../lib/query-client';
import { forgetOnUserChange } from '../lib/user-data';

// One cache for all the signed-in pages, loaded with the first of them: the sign-in page does without.
const queryClient = createQueryClient();
forgetOnUserChange(() => queryClient.clear());

export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
