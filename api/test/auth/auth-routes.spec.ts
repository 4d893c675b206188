import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, jwtFor, uniqueEmail } from '../support/auth-fixtures.js';
import { decodeJwt } from '../support/server-keys.js';
import { startTestApp, TEST_WEB_ORIGIN, type TestApp } from '../support/test-app.js';

describe('auth routes (Better Auth at /api/auth)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ JWT_AUDIENCE: 'taskvault-test', API_PUBLIC_URL: 'https://api.taskvault.test' });
  });
  afterAll(() => api.close());

  const signUp = (body: Record<string, unknown>) => request(api.baseUrl).post('/api/auth/sign-up/email').send(body);
  const signIn = (body: Record<string, unknown>) => request(api.baseUrl).post('/api/auth/sign-in/email').send(body);

  describe('sign-up', () => {
    it('creates the account with a UUID id, signs in, and never returns the password', async () => {
      const response = await signUp({ name: 'Ada', email: uniqueEmail(), password: 'correct horse' });
      expect(response.status).toBe(200);
      expect(response.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof response.body.token).toBe('string');
      expect(JSON.stringify(response.body)).not.toContain('correct horse');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('answers 422 for an email that is already registered', async () => {
      const email = uniqueEmail();
      await signUp({ name: 'First', email, password: 'password-one' }).expect(200);
      const again = await signUp({ name: 'Second', email, password: 'password-two' });
      expect(again.status).toBe(422);
    });

    it.each([
      { label: '7 characters', password: 'x'.repeat(7), status: 400 },
      { label: '8 characters', password: 'x'.repeat(8), status: 200 },
      { label: '128 characters', password: 'x'.repeat(128), status: 200 },
      { label: '129 characters', password: 'x'.repeat(129), status: 400 },
    ])('answers a password of $label with $status', async ({ password, status }) => {
      const response = await signUp({ name: 'Bounds', email: uniqueEmail(), password });
      expect(response.status).toBe(status);
    });

    it('stores a bcrypt hash, not the password', async () => {
      const user = await createUser(api.baseUrl, { password: 'stored-as-bcrypt' });
      const rows = await api.app
        .get((await import('typeorm')).DataSource)
        .query(`select "password" from "account" where "userId" = $1`, [user.id]);
      expect(rows[0].password).toMatch(/^\$2[aby]\$04\$/);
    });
  });

  describe('sign-in', () => {
    it('returns the session token and user, and sets an HttpOnly SameSite session cookie', async () => {
      const user = await createUser(api.baseUrl);
      const response = await signIn({ email: user.email, password: user.password });
      expect(response.status).toBe(200);
      expect(response.body.user.email).toBe(user.email);
      expect(typeof response.body.token).toBe('string');
      const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).join('\n');
      expect(cookie).toMatch(/better-auth\.session_token=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    });

    it('answers a wrong password and an unknown email alike: same status and body', async () => {
      const user = await createUser(api.baseUrl);
      const wrongPassword = await signIn({ email: user.email, password: 'not-the-password' });
      const unknownEmail = await signIn({ email: uniqueEmail('nobody'), password: 'not-the-password' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('refuses a password that matches only in its first 72 bytes', async () => {
      const prefix = 'p'.repeat(72);
      const user = await createUser(api.baseUrl, { password: `${prefix}-right` });
      expect((await signIn({ email: user.email, password: `${prefix}-wrong` })).status).toBe(401);
      expect((await signIn({ email: user.email, password: prefix })).status).toBe(401);
      expect((await signIn({ email: user.email, password: `${prefix}-right` })).status).toBe(200);
    });

    it('refuses a multi-byte password that differs past its 72nd byte', async () => {
      const prefix = '密'.repeat(30); // 90 bytes
      const user = await createUser(api.baseUrl, { password: `${prefix}甲` });
      expect((await signIn({ email: user.email, password: `${prefix}乙` })).status).toBe(401);
      expect((await signIn({ email: user.email, password: `${prefix}甲` })).status).toBe(200);
    });

    it("lets Node's fetch (which sends Sec-Fetch-Mode but no Origin) sign up, sign in and get a JWT", async () => {
      const email = uniqueEmail('node-fetch');
      const post = (path: string, body: object) =>
        fetch(`${api.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (await post('/api/auth/sign-up/email', { name: 'Script', email, password: 'script-password' })).status,
      ).toBe(200);
      const signedIn = await post('/api/auth/sign-in/email', { email, password: 'script-password' });
      expect(signedIn.status).toBe(200);
      const { token } = (await signedIn.json()) as { token: string };
      const jwt = await fetch(`${api.baseUrl}/api/auth/token`, { headers: { authorization: `Bearer ${token}` } });
      expect(jwt.status).toBe(200);
    });

    it('still refuses a browser-like cross-site sign-in (fetch metadata and a foreign Origin)', async () => {
      const user = await createUser(api.baseUrl);
      const response = await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .set('Origin', 'https://evil.example')
        .set('Sec-Fetch-Site', 'cross-site')
        .set('Sec-Fetch-Mode', 'cors')
        .send({ email: user.email, password: user.password });
      expect(response.status).toBe(403);
    });

    it('lets a client without cookies or Origin sign in and get a JWT', async () => {
      const user = await createUser(api.baseUrl);
      const session = await signIn({ email: user.email, password: user.password });
      const token = await request(api.baseUrl)
        .get('/api/auth/token')
        .set('Authorization', `Bearer ${session.body.token}`);
      expect(token.status).toBe(200);
      expect(token.headers['cache-control']).toBe('no-store');
    });
  });

  describe('JWTs', () => {
    it('carries only sub, sid, email, iss, aud, iat and exp, for at most 15 minutes', async () => {
      const user = await createUser(api.baseUrl);
      const { header, payload } = decodeJwt(user.jwt);
      expect(header.alg).toBe('ES256');
      expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'iss', 'sid', 'sub']);
      expect(payload.sub).toBe(user.id);
      expect(payload.email).toBe(user.email);
      expect(payload.iss).toBe('https://api.taskvault.test');
      expect(payload.aud).toBe('taskvault-test');
      expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(900);
    });

    it('names the session by its id, never by the session token', async () => {
      const user = await createUser(api.baseUrl);
      const { payload } = decodeJwt(user.jwt);
      expect(payload.sid).toMatch(/^[0-9a-f-]{36}$/);
      expect(payload.sid).not.toBe(user.sessionToken);
      expect(user.jwt).not.toContain(user.sessionToken);
    });

    it('publishes ES256 public keys, and no private parts, at /api/auth/jwks', async () => {
      await createUser(api.baseUrl);
      const response = await request(api.baseUrl).get('/api/auth/jwks').expect(200);
      expect(response.body.keys.length).toBeGreaterThan(0);
      for (const key of response.body.keys) {
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
        expect(key.d).toBeUndefined();
      }
    });
  });

  describe('sessions', () => {
    it('returns the current session and user from get-session', async () => {
      const user = await createUser(api.baseUrl);
      const response = await request(api.baseUrl)
        .get('/api/auth/get-session')
        .set('Authorization', `Bearer ${user.sessionToken}`)
        .expect(200);
      expect(response.body.user.id).toBe(user.id);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('ends the session on sign-out: no new JWT can be had', async () => {
      const user = await createUser(api.baseUrl);
      await request(api.baseUrl)
        .post('/api/auth/sign-out')
        .set('Authorization', `Bearer ${user.sessionToken}`)
        .expect(200);
      const token = await request(api.baseUrl)
        .get('/api/auth/token')
        .set('Authorization', `Bearer ${user.sessionToken}`);
      expect(token.status).toBe(401);
    });

    it('refuses a cookie-bearing sign-out from a foreign origin', async () => {
      const user = await createUser(api.baseUrl);
      const signedIn = await signIn({ email: user.email, password: user.password });
      const cookie = ([] as string[])
        .concat(signedIn.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ');
      const foreign = await request(api.baseUrl)
        .post('/api/auth/sign-out')
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example');
      expect(foreign.status).toBe(403);
      const own = await request(api.baseUrl)
        .post('/api/auth/sign-out')
        .set('Cookie', cookie)
        .set('Origin', TEST_WEB_ORIGIN);
      expect(own.status).toBe(200);
    });

    it('keeps working JWTs of other sessions when one session signs out', async () => {
      const user = await createUser(api.baseUrl);
      const second = await jwtFor(
        api.baseUrl,
        (await signIn({ email: user.email, password: user.password })).body.token,
      );
      await request(api.baseUrl)
        .post('/api/auth/sign-out')
        .set('Authorization', `Bearer ${user.sessionToken}`)
        .expect(200);
      await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${second}`).expect(200);
    });
  });
});
