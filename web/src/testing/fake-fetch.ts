import { vi } from 'vitest';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  credentials: RequestCredentials;
  body: unknown;
}

export const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/**
 * Stubs the global fetch with a handler per "METHOD /path" and records every request, so a
 * test can check what the page sent (and that it sent the session cookie, not a bearer token).
 */
export function fakeFetch(routes: Record<string, (request: SeenRequest) => Response | Promise<Response>>) {
  const seen: SeenRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = await request.text();
      const entry: SeenRequest = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        authorization: request.headers.get('Authorization'),
        credentials: request.credentials,
        body: text ? JSON.parse(text) : undefined,
      };
      seen.push(entry);
      const handler = routes[`${request.method} ${url.pathname}`];
      if (!handler) return json(404, { error: 'not_found' });
      return handler(entry);
    }),
  );
  return seen;
}
