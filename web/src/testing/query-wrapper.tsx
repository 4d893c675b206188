import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

/** A fresh query cache per test, without retries: a failed request shows its error at once. */
export function withQueryClient(children: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
