import createClient from 'openapi-fetch';
import { env } from '../../../config/env';
import type { components, paths } from '../../../lib/api/schema';
import { toApiError } from '../../../lib/api-error';

export type PersonalToken = components['schemas']['PersonalTokenDto'];
export type CreatedPersonalToken = components['schemas']['CreatedPersonalTokenDto'];
export type NewPersonalToken = components['schemas']['CreatePersonalTokenDto'];
export type Scope = components['schemas']['Scope'];

/**
 * /api/tokens answers only to the user's session, never to a JWT: this client sends the session
 * cookie and no Authorization header (the app's api-client adds the JWT, which would get 403).
 * The browser adds the Origin the API checks for cookie-bearing changes.
 */
const sessionApi = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  credentials: 'include',
  fetch: (request: Request) => globalThis.fetch(request),
});

const fail = (error: unknown, response: Response): never => {
  throw toApiError(error, response);
};

export const tokensApi = {
  async list(): Promise<PersonalToken[]> {
    const { data, error, response } = await sessionApi.GET('/api/tokens');
    return (data ?? fail(error, response)).items;
  },
  async create(body: NewPersonalToken): Promise<CreatedPersonalToken> {
    const { data, error, response } = await sessionApi.POST('/api/tokens', { body });
    return data ?? fail(error, response);
  },
  async revoke(id: string): Promise<void> {
    const { error, response } = await sessionApi.DELETE('/api/tokens/{id}', { params: { path: { id } } });
    if (!response.ok) fail(error, response);
  },
};
