import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, jwtFor, signIn } from '../support/auth-fixtures.js';
import { SECURITY_WEB_ORIGIN, type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

describe('attacks on sessions: an ended session takes its JWTs with it', () => {
  let api: SecurityTarget;
  beforeAll(async () => {
    api = await startSecurityTarget();
  });
  afterAll(() => api.stop());

  const me = (jwt: string) => request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${jwt}`);

  /** Polls for at most a second: the contract's bound on revocation. */
  async function expectRefusedWithinASecond(jwt: string): Promise<void> {
    const started = Date.now();
    let status = (await me(jwt)).status;
    while (status === 200 && Date.now() - started < 1000) status = (await me(jwt)).status;
    expect(status).toBe(401);
  }

  async function userWithTwoSessions() {
    const user = await createUser(api.baseUrl);
    const secondSession = await signIn(api.baseUrl, user.email, user.password);
    const secondJwt = await jwtFor(api.baseUrl, secondSession);
    await me(user.jwt).expect(200);
    await me(secondJwt).expect(200);
    return { user, secondSession, secondJwt };
  }

  it('sign-out refuses the old JWT', async () => {
    const user = await createUser(api.baseUrl);
    await me(user.jwt).expect(200);
    await request(api.baseUrl)
      .post('/api/auth/sign-out')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .expect(200);
    await expectRefusedWithinASecond(user.jwt);
  });

  it('revoking one session refuses its JWT and keeps the others', async () => {
    const { user, secondSession, secondJwt } = await userWithTwoSessions();
    await request(api.baseUrl)
      .post('/api/auth/revoke-session')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ token: secondSession })
      .expect(200);
    await expectRefusedWithinASecond(secondJwt);
    await me(user.jwt).expect(200);
  });

  it('revoking the other sessions refuses their JWTs and keeps the current one', async () => {
    const { user, secondJwt } = await userWithTwoSessions();
    await request(api.baseUrl)
      .post('/api/auth/revoke-other-sessions')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({})
      .expect(200);
    await expectRefusedWithinASecond(secondJwt);
    await me(user.jwt).expect(200);
  });

  it('a password change that signs out other sessions refuses their JWTs', async () => {
    const { user, secondJwt } = await userWithTwoSessions();
    await request(api.baseUrl)
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ currentPassword: user.password, newPassword: 'a-brand-new-password', revokeOtherSessions: true })
      .expect(200);
    await expectRefusedWithinASecond(secondJwt);
    const oldPassword = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(oldPassword.status).toBe(401);
  });

  it('a revoked session cannot mint new JWTs either', async () => {
    const user = await createUser(api.baseUrl);
    await request(api.baseUrl)
      .post('/api/auth/sign-out')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .expect(200);
    const token = await request(api.baseUrl).get('/api/auth/token').set('Authorization', `Bearer ${user.sessionToken}`);
    expect(token.status).toBe(401);
  });

  it('sets the session cookie HttpOnly and SameSite, and Secure for an https deployment', async () => {
    const user = await createUser(api.baseUrl);
    const response = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = cookies.find((cookie) => /session_token=/.test(cookie));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(session).toMatch(/;\s*Secure/i);
  });

  it('refuses cookie-bearing POSTs from a foreign origin, a lookalike, or none', async () => {
    const user = await createUser(api.baseUrl);
    const response = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const origin of ['https://evil.example', `${SECURITY_WEB_ORIGIN}.evil.net`, undefined]) {
      const call = request(api.baseUrl).post('/api/auth/revoke-other-sessions').set('Cookie', cookie).send({});
      const refused = origin ? await call.set('Origin', origin) : await call;
      expect(refused.status).toBe(403);
    }
    const allowed = await request(api.baseUrl)
      .post('/api/auth/revoke-other-sessions')
      .set('Cookie', cookie)
      .set('Origin', SECURITY_WEB_ORIGIN)
      .send({});
    expect(allowed.status).toBe(200);
  });
});
