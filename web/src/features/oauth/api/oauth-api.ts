import createClient from 'openapi-fetch';
import { env } from '../../../config/env';
import type { components, paths } from '../../../lib/api/schema';
import { ApiError } from '../../../lib/api-error';
import { redirectTarget } from '../redirect-target';

export type OAuthClient = components['schemas']['OAuthClient'];
export type CreatedOAuthClient = components['schemas']['OAuthCreatedClient'];
export type OAuthConsent = components['schemas']['OAuthConsent'];
export type PublicClient = components['schemas']['OAuthPublicClient'];
export type DeviceVerification = components['schemas']['OAuthDeviceVerification'];
export type NewOAuthClient = NonNullable<
  paths['/api/auth/oauth2/create-client']['post']['requestBody']
>['content']['application/json'];

/**
 * Better Auth's OAuth routes answer to the user's session cookie, like /api/tokens: no
 * Authorization header (a JWT is not a session there). The browser adds the Origin that Better
 * Auth checks on cookie-bearing changes.
 */
const sessionApi = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  credentials: 'include',
  fetch: (request: Request) => globalThis.fetch(request),
});

/** What the OAuth routes answer on failure: an RFC 6749 error, Better Auth's own, or a problem. */
interface OAuthFailureBody {
  error?: unknown;
  error_description?: unknown;
  message?: unknown;
  code?: unknown;
  detail?: unknown;
  title?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Turns any failed answer into an ApiError whose `code` is the OAuth error, when there is one. */
export class OAuthApiError extends ApiError {
  constructor(
    status: number,
    readonly code: string | undefined,
    detail: string | undefined,
  ) {
    super({ status, detail });
  }
}

export function toOAuthError(body: unknown, response: Response): OAuthApiError {
  const failure = (typeof body === 'object' && body !== null ? body : {}) as OAuthFailureBody;
  return new OAuthApiError(
    response.status,
    text(failure.error) ?? text(failure.code),
    text(failure.error_description) ?? text(failure.detail) ?? text(failure.message) ?? text(failure.title),
  );
}

const fail = (error: unknown, response: Response): never => {
  throw toOAuthError(error, response);
};

export const oauthApi = {
  async publicClient(clientId: string): Promise<PublicClient> {
    const { data, error, response } = await sessionApi.GET('/api/auth/oauth2/public-client', {
      params: { query: { client_id: clientId } },
    });
    return data ?? fail(error, response);
  },
  /** Allow or deny: the answer names where the browser goes (the app, with a code or `access_denied`). */
  async consent(accept: boolean, oauthQuery: string): Promise<string> {
    const { data, error, response } = await sessionApi.POST('/api/auth/oauth2/consent', {
      body: { accept, oauth_query: oauthQuery },
    });
    const { url } = data ?? fail(error, response);
    try {
      return redirectTarget(url);
    } catch (refused) {
      throw new OAuthApiError(502, 'server_error', (refused as Error).message);
    }
  },

  async consents(): Promise<OAuthConsent[]> {
    const { data, error, response } = await sessionApi.GET('/api/auth/oauth2/get-consents');
    return data ?? fail(error, response);
  },
  async revokeConsent(id: string): Promise<void> {
    const { error, response } = await sessionApi.POST('/api/auth/oauth2/delete-consent', { body: { id } });
    if (!response.ok) fail(error, response);
  },

  async clients(): Promise<OAuthClient[]> {
    const { data, error, response } = await sessionApi.GET('/api/auth/oauth2/get-clients');
    return data ?? fail(error, response);
  },
  async createClient(body: NewOAuthClient): Promise<CreatedOAuthClient> {
    const { data, error, response } = await sessionApi.POST('/api/auth/oauth2/create-client', { body });
    return data ?? fail(error, response);
  },
  async updateRedirectUris(clientId: string, redirectUris: string[]): Promise<OAuthClient> {
    const { data, error, response } = await sessionApi.POST('/api/auth/oauth2/update-client', {
      body: { client_id: clientId, update: { redirect_uris: redirectUris } },
    });
    return data ?? fail(error, response);
  },
  async rotateSecret(clientId: string): Promise<CreatedOAuthClient> {
    const { data, error, response } = await sessionApi.POST('/api/auth/oauth2/client/rotate-secret', {
      body: { client_id: clientId },
    });
    return data ?? fail(error, response);
  },
  async deleteClient(clientId: string): Promise<void> {
    const { error, response } = await sessionApi.POST('/api/auth/oauth2/delete-client', {
      body: { client_id: clientId },
    });
    if (!response.ok) fail(error, response);
  },

  async device(userCode: string): Promise<DeviceVerification> {
    const { data, error, response } = await sessionApi.GET('/api/auth/device', {
      params: { query: { user_code: userCode } },
    });
    return data ?? fail(error, response);
  },
  async decideDevice(userCode: string, approve: boolean): Promise<void> {
    const path = approve ? '/api/auth/device/approve' : '/api/auth/device/deny';
    const { error, response } = await sessionApi.POST(path, { body: { userCode } });
    if (!response.ok) fail(error, response);
  },
};
