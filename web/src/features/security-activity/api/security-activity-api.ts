import type { components } from '../../../lib/api/schema';
import { toApiError } from '../../../lib/api-error';
import { sessionApi } from '../../../lib/session-api-client';

export type SecurityEvent = components['schemas']['SecurityEventDto'];
export type SecurityEventKind = components['schemas']['SecurityEventKind'];
export type SecurityActivityPage = components['schemas']['SecurityActivityPageDto'];

/** Session only, like the tokens: a stolen JWT must not read where the account is used. */
export const securityActivityApi = {
  async page(cursor?: string): Promise<SecurityActivityPage> {
    const { data, error, response } = await sessionApi.GET('/api/users/me/security-activity', {
      params: { query: cursor ? { cursor } : {} },
    });
    if (!data) throw toApiError(error, response);
    return data;
  },
};
