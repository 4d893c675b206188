import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import type { TokenManager } from './token-manager';

function fakeTokens(sequence: Array<string | null>): TokenManager & { refreshes: number } {
  let current = sequence[0];
  let index = 0;
  const tokens = {
    refreshes: 0,
    getToken: vi.fn(async () => current),
    refresh: vi.fn(async () => {
      tokens.refreshes += 1;
      index += 1;
      current = sequence[Math.min(index, sequence.length - 1)];
      return current;
    }),
    clear: vi.fn(),
  };
  return tokens;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the API client', () => {
  it('sends the JWT as a bearer token', async () => {
    const fetch = vi.fn(async (request: Request) =>
      json(200, { items: [], nextCursor: null, auth: request.headers.get('Authorization') }),
    );
    const api = createApiClient({ baseUrl: 'http://api.test', tokens: fakeTokens(['jwt-1']), fetch: fetch as never });
    const { data } = await api.GET('/api/tasks');
    expect((data as unknown as { auth: string }).auth).toBe('Bearer jwt-1');
  });

  it('on a 401 refreshes the JWT once and retries the request once, body included', async () => {
    const seen: Array<[string | null, string]> = [];
    const fetch = vi.fn(async (request: Request) => {
      seen.push([request.headers.get('Authorization'), await request.text()]);
      return seen.length === 1 ? json(401, { status: 401 }) : json(201, { id: 'new' });
    });
    const tokens = fakeTokens(['expired-jwt', 'fresh-jwt']);
    const api = createApiClient({ baseUrl: 'http://api.test', tokens, fetch: fetch as never });
    const { data, response } = await api.POST('/api/tasks', { body: { title: 'Keep my body' } });
    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 'new' });
    expect(tokens.refreshes).toBe(1);
    expect(seen).toEqual([
      ['Bearer expired-jwt', '{"title":"Keep my body"}'],
      ['Bearer fresh-jwt', '{"title":"Keep my body"}'],
    ]);
  });

  it('does not loop: a second 401 after the refresh is returned as is', async () => {
    const fetch = vi.fn(async () => json(401, { status: 401, detail: 'nope' }));
    const tokens = fakeTokens(['a', 'b', 'c']);
    const onSessionExpired = vi.fn();
    const api = createApiClient({ baseUrl: 'http://api.test', tokens, fetch: fetch as never, onSessionExpired });
    const { response } = await api.GET('/api/tasks');
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(tokens.refreshes).toBe(1);
  });

  it('sends the user to sign in when the session is gone (no JWT can be had)', async () => {
    const fetch = vi.fn(async () => json(401, { status: 401 }));
    const onSessionExpired = vi.fn();
    const api = createApiClient({
      baseUrl: 'http://api.test',
      tokens: fakeTokens(['stale', null]),
      fetch: fetch as never,
      onSessionExpired,
    });
    const { response } = await api.GET('/api/tasks');
    expect(response.status).toBe(401);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not call the API at all without a session', async () => {
    const fetch = vi.fn();
    const onSessionExpired = vi.fn();
    const api = createApiClient({
      baseUrl: 'http://api.test',
      tokens: fakeTokens([null]),
      fetch: fetch as never,
      onSessionExpired,
    });
    const { response } = await api.GET('/api/tasks');
    expect(response.status).toBe(401);
    expect(fetch).not.toHaveBeenCalled();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('passes a 403 through without refreshing', async () => {
    const fetch = vi.fn(async () => json(403, { status: 403, detail: 'This path names another user.' }));
    const tokens = fakeTokens(['jwt']);
    const api = createApiClient({ baseUrl: 'http://api.test', tokens, fetch: fetch as never });
    const { error, response } = await api.GET('/api/users/{userId}/tasks', {
      params: { path: { userId: 'someone-else' } },
    });
    expect(response.status).toBe(403);
    expect(error).toMatchObject({ detail: 'This path names another user.' });
    expect(tokens.refreshes).toBe(0);
  });
});
