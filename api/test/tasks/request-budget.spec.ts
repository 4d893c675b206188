import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the per-user request budget', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    api = await startTestApp({ API_RATE_LIMIT: '5', API_RATE_WINDOW_SECONDS: '60' });
    alice = await createUser(api.baseUrl);
    bob = await createUser(api.baseUrl);
  });
  afterAll(() => api.close());

  const listAs = (user: TestUser) => request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${user.jwt}`);

  it('sends RateLimit headers on every response and answers 429 with Retry-After past the budget', async () => {
    const first = await listAs(alice).expect(200);
    expect(first.headers['ratelimit-limit']).toBe('5');
    expect(first.headers['ratelimit-remaining']).toBe('4');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await listAs(alice).expect(200);
    const refused = await listAs(alice);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives each user a budget of their own', async () => {
    await listAs(bob).expect(200);
  });

  it('does not count health checks', async () => {
    for (let i = 0; i < 8; i++) await request(api.baseUrl).get('/api/health').expect(200);
  });
});
