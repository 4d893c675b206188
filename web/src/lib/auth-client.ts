import { passkeyClient } from '@better-auth/passkey/client';
import { jwtClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';
import { env } from '../config/env';
import { oauthSignIn } from './oauth-sign-in';
import { createTokenManager } from './token-manager';

export const authClient = createAuthClient({
  baseURL: env.apiBaseUrl,
  basePath: '/api/auth',
  fetchOptions: { credentials: 'include' },
  plugins: [jwtClient(), oauthSignIn(), passkeyClient()],
});

/** The JWT for the API, from GET /api/auth/token with the session cookie. */
export const tokens = createTokenManager(async () => {
  const { data, error } = await authClient.token();
  if (error || !data?.token) return null;
  return data.token;
});
