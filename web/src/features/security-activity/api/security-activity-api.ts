import createClient from 'openapi-fetch';
import { env } from '../../../config/env';
import type { components, paths } from '../../../lib/api/schema';
import { toApiError } from '../../../lib/api-error';

export type SecurityEvent = components['schemas']['SecurityEventDto'];
export type SecurityEventKind = components['schemas']['SecurityEventKind'];
export type SecurityActivityPage = components['schemas']['SecurityActivityPageDto'];

/**
 * The activity list answers only to the user's session (a stolen JWT must not read it): this
 * client sends the session cookie and no Authorization header, as the tokens client does.
 */
const sessionApi = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  credentials: 'include',
  fetch: (request: Request) => globalThis.fetch(request),
});

export const securityActivityApi = {
  async page(cursor?: string): Promise<SecurityActivityPage> {
    const { data, error, response } = await sessionApi.GET('/api/users/me/security-activity', {
      params: { query: cursor ? { cursor } : {} },
    });
    if (!data) throw toApiError(error, response);
    return data;
  },
};
