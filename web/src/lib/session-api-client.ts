import createClient from 'openapi-fetch';
import { env } from '../config/env';
import type { paths } from './api/schema';

/**
 * For the routes that answer only to the user's session, never to a JWT (personal tokens, the
 * security activity): it sends the session cookie and no Authorization header (the app's
 * api-client adds the JWT, which would get 403). The browser adds the Origin the API checks for
 * cookie-bearing changes.
 */
export const sessionApi = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  credentials: 'include',
  fetch: (request: Request) => globalThis.fetch(request),
});
