import { passkeyClient } from '@better-auth/passkey/client';
import { jwtClient, twoFactorClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';
import { env } from '../config/env';
import { oauthSignIn } from './oauth-sign-in';
import { createTokenManager } from './token-manager';

export const authClient = createAuthClient({
  baseURL: env.apiBaseUrl,
  basePath: '/api/auth',
  fetchOptions: { credentials: 'include' },
  // twoFactorClient without options: typed two-factor calls and a session refresh after each; the
  // sign-in form shows the second step itself rather than the plugin redirecting.
  plugins: [jwtClient(), twoFactorClient(), oauthSignIn(), passkeyClient()],
});

/** The JWT for the API, from GET /api/auth/token with the session cookie. */
export const tokens = createTokenManager(async () => {
  const { data, error } = await authClient.token();
  if (error || !data?.token) return null;
  return data.token;
});
