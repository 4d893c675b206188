import { oauthProviderClient } from '@better-auth/oauth-provider/client';
import { jwtClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';
import { env } from '../config/env';
import { createTokenManager } from './token-manager';

export const authClient = createAuthClient({
  baseURL: env.apiBaseUrl,
  basePath: '/api/auth',
  fetchOptions: { credentials: 'include' },
  // oauthProviderClient: on a page the authorization server sent the user to (its signed query in
  // the address), sign-in carries that query, so the server continues the authorization after it.
  plugins: [jwtClient(), oauthProviderClient()],
});

/** The JWT for the API, from GET /api/auth/token with the session cookie. */
export const tokens = createTokenManager(async () => {
  const { data, error } = await authClient.token();
  if (error || !data?.token) return null;
  return data.token;
});
