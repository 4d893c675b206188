import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken } from '../support/token-fixtures.js';

describe('the request budget of a personal access token', () => {
  let api: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    api = await startTestApp({ API_RATE_LIMIT: '3', API_RATE_WINDOW_SECONDS: '60' });
    alice = await createUser(api.baseUrl);
  });
  afterAll(() => api.close());

  const listWith = (token: string) => request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token}`);

  it('is the token’s own, with RateLimit headers, and 429 with Retry-After past it', async () => {
    const busy = await createPersonalToken(api.baseUrl, alice.sessionToken, { name: 'busy' });
    const quiet = await createPersonalToken(api.baseUrl, alice.sessionToken, { name: 'quiet' });
    const first = await listWith(busy.token).expect(200);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    await listWith(busy.token).expect(200);
    await listWith(busy.token).expect(200);
    const refused = await listWith(busy.token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);

    // Another token of the same user, and the user's own session JWT, are not starved by it.
    const other = await listWith(quiet.token).expect(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
    await listWith(alice.jwt).expect(200);
  });
});
