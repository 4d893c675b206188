import createClient from 'openapi-fetch';
import { env } from '../config/env';
import type { paths } from './api/schema';
import { tokens as defaultTokens } from './auth-client';
import { sessionExpired as defaultSessionExpired } from './session-expiry';
import type { TokenManager } from './token-manager';

export type ApiClient = ReturnType<typeof createClient<paths>>;

export interface ApiClientOptions {
  baseUrl?: string;
  tokens?: TokenManager;
  /** Called when the session is gone (no JWT can be had): the app sends the user to sign in. */
  onSessionExpired?: () => void;
  fetch?: typeof fetch;
}

/**
 * The one way the SPA calls the API: generated from the OpenAPI document (openapi-fetch), with
 * `Authorization: Bearer <jwt>` added, and on a 401 one refresh of the JWT and one retry. If no
 * JWT can be had, the session is over and the user is sent to sign in.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const tokens = options.tokens ?? defaultTokens;
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const sessionExpired = () => (options.onSessionExpired ?? defaultSessionExpired)();

  const send = async (request: Request, token: string) => {
    const authorized = new Request(request, { headers: new Headers(request.headers) });
    authorized.headers.set('Authorization', `Bearer ${token}`);
    return baseFetch(authorized);
  };

  const authorizedFetch = async (input: Request): Promise<Response> => {
    const retryCopy = input.clone();
    const token = await tokens.getToken();
    if (!token) {
      sessionExpired();
      return new Response(
        JSON.stringify({ status: 401, title: 'Unauthorized', detail: 'Your session has ended. Please sign in again.' }),
        {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        },
      );
    }
    const response = await send(input, token);
    if (response.status !== 401) return response;
    const fresh = await tokens.refresh();
    if (!fresh) {
      sessionExpired();
      return response;
    }
    return send(retryCopy, fresh);
  };

  return createClient<paths>({ baseUrl: options.baseUrl ?? env.apiBaseUrl, fetch: authorizedFetch });
}

export const api = createApiClient();
