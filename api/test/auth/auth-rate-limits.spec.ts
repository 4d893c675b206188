import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, uniqueEmail } from '../support/auth-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const failedSignIn = (baseUrl: string, email: string, headers: Record<string, string> = {}) =>
  request(baseUrl).post('/api/auth/sign-in/email').set(headers).send({ email, password: 'wrong-password' });

const expectTooManyRequests = (response: request.Response) => {
  expect(response.status).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.body.code).toBe('TOO_MANY_REQUESTS');
};

describe('auth rate limits', () => {
  describe('per account', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp({ SIGN_IN_ACCOUNT_FAILURE_LIMIT: '3', SIGN_IN_ACCOUNT_WINDOW_SECONDS: '900' });
    });
    afterAll(() => api.close());

    it('answers 429 with Retry-After once an account has had its failed sign-ins', async () => {
      const user = await createUser(api.baseUrl);
      for (let attempt = 0; attempt < 3; attempt++)
        expect((await failedSignIn(api.baseUrl, user.email)).status).toBe(401);
      const blocked = await failedSignIn(api.baseUrl, user.email);
      expectTooManyRequests(blocked);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
      // Even the right password waits: the attacker must not learn it is right.
      const right = await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .send({ email: user.email, password: user.password });
      expect(right.status).toBe(429);
    });

    it('counts the account whatever the casing of its email', async () => {
      const user = await createUser(api.baseUrl);
      for (const email of [user.email, user.email.toUpperCase(), ` ${user.email}`])
        await failedSignIn(api.baseUrl, email);
      expectTooManyRequests(await failedSignIn(api.baseUrl, user.email));
    });

    it('clears the count after a successful sign-in', async () => {
      const user = await createUser(api.baseUrl);
      for (let attempt = 0; attempt < 2; attempt++) await failedSignIn(api.baseUrl, user.email);
      await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .send({ email: user.email, password: user.password })
        .expect(200);
      for (let attempt = 0; attempt < 3; attempt++)
        expect((await failedSignIn(api.baseUrl, user.email)).status).toBe(401);
    });

    it('keeps other accounts open', async () => {
      const victim = await createUser(api.baseUrl);
      const bystander = await createUser(api.baseUrl);
      for (let attempt = 0; attempt < 4; attempt++) await failedSignIn(api.baseUrl, victim.email);
      const response = await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .send({ email: bystander.email, password: bystander.password });
      expect(response.status).toBe(200);
    });
  });

  describe('per client IP', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp({ SIGN_IN_IP_LIMIT: '4', SIGN_UP_IP_LIMIT: '2' });
    });
    afterAll(() => api.close());

    it('limits sign-in attempts from one address across accounts', async () => {
      for (let attempt = 0; attempt < 4; attempt++) await failedSignIn(api.baseUrl, uniqueEmail('spray'));
      expectTooManyRequests(await failedSignIn(api.baseUrl, uniqueEmail('spray')));
    });

    it('does not reset the count for a spoofed X-Forwarded-For when no proxy is trusted', async () => {
      const response = await failedSignIn(api.baseUrl, uniqueEmail('spoof'), { 'X-Forwarded-For': '203.0.113.77' });
      expectTooManyRequests(response);
    });

    it('limits sign-ups per address', async () => {
      const signUp = () =>
        request(api.baseUrl)
          .post('/api/auth/sign-up/email')
          .send({ name: 'N', email: uniqueEmail(), password: 'password-123' });
      expect((await signUp()).status).toBe(200);
      expect((await signUp()).status).toBe(200);
      expectTooManyRequests(await signUp());
    });
  });

  describe('behind a trusted proxy', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp({ SIGN_IN_IP_LIMIT: '2', SIGN_IN_ACCOUNT_FAILURE_LIMIT: '3', TRUST_PROXY: 'loopback' });
    });
    afterAll(() => api.close());

    it('counts each forwarded client address separately', async () => {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      for (let attempt = 0; attempt < 2; attempt++)
        await failedSignIn(api.baseUrl, uniqueEmail(), from('198.51.100.1'));
      expectTooManyRequests(await failedSignIn(api.baseUrl, uniqueEmail(), from('198.51.100.1')));
      expect((await failedSignIn(api.baseUrl, uniqueEmail(), from('198.51.100.2'))).status).toBe(401);
    });

    it('adds nothing to an account’s failure count for the attempts refused per address', async () => {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      const user = await createUser(api.baseUrl);
      for (let attempt = 0; attempt < 2; attempt++)
        expect((await failedSignIn(api.baseUrl, user.email, from('198.51.100.3'))).status).toBe(401);
      for (let attempt = 0; attempt < 5; attempt++)
        expectTooManyRequests(await failedSignIn(api.baseUrl, user.email, from('198.51.100.3')));
      // Two failures counted, not seven: the account's third is still answered…
      expect((await failedSignIn(api.baseUrl, user.email, from('198.51.100.4'))).status).toBe(401);
      // …and its fourth refused, from any address.
      expectTooManyRequests(await failedSignIn(api.baseUrl, user.email, from('198.51.100.5')));
    });
  });

  describe('across instances', () => {
    let database: TestDatabase;
    let first: TestApp;
    let second: TestApp;
    beforeAll(async () => {
      database = await createTestDatabase();
      const limits = { SIGN_IN_ACCOUNT_FAILURE_LIMIT: '4' };
      first = await startTestApp(limits, database);
      second = await startTestApp(limits, database);
    });
    afterAll(async () => {
      await first.close();
      await second.close();
      await database.drop();
    });

    it('shares one count between two instances on one database', async () => {
      const user = await createUser(first.baseUrl);
      for (const api of [first, second, first, second])
        expect((await failedSignIn(api.baseUrl, user.email)).status).toBe(401);
      expectTooManyRequests(await failedSignIn(first.baseUrl, user.email));
      expectTooManyRequests(await failedSignIn(second.baseUrl, user.email));
    });
  });
});
