import type { components } from '../../../lib/api/schema';
import { toApiError } from '../../../lib/api-error';
import { sessionApi } from '../../../lib/session-api-client';

export type PersonalToken = components['schemas']['PersonalTokenDto'];
export type CreatedPersonalToken = components['schemas']['CreatedPersonalTokenDto'];
export type NewPersonalToken = components['schemas']['CreatePersonalTokenDto'];
export type Scope = components['schemas']['Scope'];

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
