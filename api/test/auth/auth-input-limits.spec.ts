import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAX_SESSIONS_PER_USER, USER_AGENT_MAX_LENGTH } from '../../src/auth/auth-stored-limits.js';
import { createUser, jwtFor, signIn, type TestUser, uniqueEmail } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Hostile values, each refused with a 400 in Better Auth's shape before anything is written. */
const HOSTILE_NAMES: Array<[string, unknown]> = [
  ['101 characters', 'n'.repeat(101)],
  ['only spaces', '   '],
  ['a line break', 'Ada\nLovelace'],
  ['a control character', 'Ada\u0007'],
  ['a NUL character', 'Ada\u0000'],
  ['an unpaired surrogate', 'Ada\ud800'],
  ['not a string', ['Ada']],
];
const HOSTILE_IMAGES: Array<[string, unknown]> = [
  ['a javascript: URL', 'javascript:alert(1)'],
  ['60,000 characters', `https://example.test/${'a'.repeat(60_000)}`],
  ['even a plain https URL (Taskvault shows no profile pictures)', 'https://example.test/me.png'],
  ['null', null],
];

describe('Better Auth’s inputs get Taskvault’s limits', () => {
  let api: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    api = await startTestApp();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown, user?: TestUser) => {
    const call = request(api.baseUrl).post(path);
    if (user) void call.set('Authorization', `Bearer ${user.sessionToken}`);
    return call.send(body as object);
  };
  const storedUser = async (email: string) =>
    (await db.query(`select "name", "image", "emailVerified" from "user" where "email" = $1`, [email]))[0] as
      { name: string; image: string | null; emailVerified: boolean } | undefined;
  const expectRefused = (response: request.Response) => {
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  };

  describe('sign-up', () => {
    const signUp = (fields: Record<string, unknown>) => {
      const email = uniqueEmail('limits');
      return post('/api/auth/sign-up/email', { name: 'Ada', email, password: 'a-good-password', ...fields }).then(
        (response) => ({ response, email: (fields.email as string | undefined) ?? email }),
      );
    };

    it.each(HOSTILE_NAMES)('refuses a name with %s and creates no account', async (_, name) => {
      const { response, email } = await signUp({ name });
      expectRefused(response);
      expect(await storedUser(email)).toBeUndefined();
    });

    it.each(HOSTILE_IMAGES)('refuses an image (%s) and creates no account', async (_, image) => {
      const { response, email } = await signUp({ image });
      expectRefused(response);
      expect(response.body.code).toBe('FIELD_NOT_ACCEPTED');
      expect(await storedUser(email)).toBeUndefined();
    });

    it.each([
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.test` }],
      ['a password over 128 characters', { password: 'p'.repeat(129) }],
      ['a callbackURL over 2,048 characters', { callbackURL: `/${'c'.repeat(2048)}` }],
      ['rememberMe that is not a boolean', { rememberMe: 'yes' }],
      ['a field Better Auth sets itself (emailVerified)', { emailVerified: true }],
      ['a field no route has (role)', { role: 'admin' }],
    ])('refuses %s and creates no account', async (_, fields) => {
      const { response, email } = await signUp(fields);
      expectRefused(response);
      expect(await storedUser(email)).toBeUndefined();
    });

    it('stores a name without its surrounding spaces, and no image', async () => {
      const { response, email } = await signUp({ name: '  Ada Lovelace  ' });
      expect(response.status).toBe(200);
      expect(response.body.user).toMatchObject({ name: 'Ada Lovelace', image: null });
      expect(await storedUser(email)).toEqual({ name: 'Ada Lovelace', image: null, emailVerified: false });
    });
  });

  describe('update-user', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(api.baseUrl, { name: 'Unchanged' });
    });

    it.each(HOSTILE_NAMES)('refuses a name with %s and keeps the old one', async (_, name) => {
      expectRefused(await post('/api/auth/update-user', { name }, user));
      expect(await storedUser(user.email)).toMatchObject({ name: 'Unchanged' });
    });

    it.each(HOSTILE_IMAGES)('refuses an image (%s) and stores none', async (_, image) => {
      const response = await post('/api/auth/update-user', { image }, user);
      expectRefused(response);
      expect(response.body.code).toBe('FIELD_NOT_ACCEPTED');
      expect(await storedUser(user.email)).toMatchObject({ image: null });
      const session = await request(api.baseUrl)
        .get('/api/auth/get-session')
        .set('Authorization', `Bearer ${user.sessionToken}`);
      expect(session.body.user.image).toBeNull();
    });

    it.each([
      ['an email (Better Auth changes it only through verification)', { email: uniqueEmail('other') }],
      ['emailVerified', { emailVerified: true }],
      ['an unknown field', { role: 'admin' }],
    ])('refuses %s and changes nothing', async (_, fields) => {
      expectRefused(await post('/api/auth/update-user', fields, user));
      expect(await storedUser(user.email)).toEqual({ name: 'Unchanged', image: null, emailVerified: false });
    });

    it('changes the name within the limits', async () => {
      const other = await createUser(api.baseUrl);
      const response = await post('/api/auth/update-user', { name: ` ${'ü'.repeat(100)} ` }, other);
      expect(response.status).toBe(200);
      expect(await storedUser(other.email)).toMatchObject({ name: 'ü'.repeat(100) });
    });
  });

  describe('sign-in, change-password, revoke-session and sign-out', () => {
    it.each([
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.test`, password: 'whatever-it-is' }],
      ['a password over 128 characters', { password: 'p'.repeat(129) }],
      ['a callbackURL over 2,048 characters', { callbackURL: `/${'c'.repeat(2048)}` }],
      ['an unknown field', { admin: true }],
    ])('sign-in refuses %s, and opens no session', async (_, fields) => {
      const user = await createUser(api.baseUrl);
      const before = await db.query(`select count(*)::int as n from "session" where "userId" = $1`, [user.id]);
      expectRefused(await post('/api/auth/sign-in/email', { email: user.email, password: user.password, ...fields }));
      const after = await db.query(`select count(*)::int as n from "session" where "userId" = $1`, [user.id]);
      expect(after[0].n).toBe(before[0].n);
    });

    it.each([
      ['a new password over 128 characters', { newPassword: 'p'.repeat(129) }],
      ['a current password over 128 characters', { currentPassword: 'p'.repeat(129) }],
      ['revokeOtherSessions that is not a boolean', { revokeOtherSessions: 'true' }],
    ])('change-password refuses %s and keeps the old password', async (_, fields) => {
      const user = await createUser(api.baseUrl);
      const body = { currentPassword: user.password, newPassword: 'a-brand-new-password', ...fields };
      expectRefused(await post('/api/auth/change-password', body, user));
      expect(await signIn(api.baseUrl, user.email, user.password)).toEqual(expect.any(String));
    });

    it('revoke-session refuses a token over 255 characters', async () => {
      const user = await createUser(api.baseUrl);
      expectRefused(await post('/api/auth/revoke-session', { token: 't'.repeat(256) }, user));
    });

    it('sign-out refuses the provider-logout fields, and the session stays', async () => {
      const user = await createUser(api.baseUrl);
      expectRefused(await post('/api/auth/sign-out', { disableRedirect: true, state: 'x' }, user));
      expect(await jwtFor(api.baseUrl, user.sessionToken)).toEqual(expect.any(String));
    });

    it.each([
      ['an array', []],
      ['a string', 'sign me in'],
      ['a number', 42],
    ])('refuses a body that is %s', async (_, body) => {
      const response = await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expectRefused(response);
    });
  });

  describe('account routes: reset, verification, email change, deletion', () => {
    it.each([
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.test` }],
      ['an email that is not a string', { email: ['a@example.test'] }],
      ['a redirectTo over 2,048 characters', { email: 'a@example.test', redirectTo: `/${'r'.repeat(2048)}` }],
      ['a field the route does not have', { email: 'a@example.test', callbackURL: '/' }],
    ])('request-password-reset refuses %s', async (_, body) => {
      expectRefused(await post('/api/auth/request-password-reset', body));
    });

    it.each([
      ['a token over 255 characters', { token: 't'.repeat(256), newPassword: 'a-good-new-password' }],
      ['a new password over 128 characters', { token: 'x', newPassword: 'p'.repeat(129) }],
      ['a token with a NUL character', { token: 'ab\u0000c', newPassword: 'a-good-new-password' }],
      ['a field the route does not have', { token: 'x', newPassword: 'a-good-new-password', email: 'a@b.test' }],
    ])('reset-password refuses %s', async (_, body) => {
      expectRefused(await post('/api/auth/reset-password', body));
    });

    it.each([
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.test` }],
      ['a callbackURL over 2,048 characters', { email: 'a@example.test', callbackURL: `/${'c'.repeat(2048)}` }],
    ])('send-verification-email refuses %s', async (_, body) => {
      expectRefused(await post('/api/auth/send-verification-email', body));
    });

    it('verify-email refuses a token over 2,048 characters and a callbackURL over 2,048', async () => {
      const long = await request(api.baseUrl).get('/api/auth/verify-email').set('Verification-Token', 'e'.repeat(2049));
      expectRefused(long);
      const callback = await request(api.baseUrl)
        .get(`/api/auth/verify-email?callbackURL=/${'c'.repeat(2048)}`)
        .set('Verification-Token', 'e.y.j');
      expectRefused(callback);
    });

    it.each([
      ['a new email over 254 characters', { newEmail: `${'a'.repeat(250)}@example.test` }],
      ['a callbackURL over 2,048 characters', { newEmail: 'new@example.test', callbackURL: `/${'c'.repeat(2048)}` }],
      ['a field the route does not have', { newEmail: 'new@example.test', email: 'old@example.test' }],
    ])('change-email refuses %s and keeps the address', async (_, body) => {
      const user = await createUser(api.baseUrl);
      expectRefused(await post('/api/auth/change-email', body, user));
      expect(await storedUser(user.email)).toBeDefined();
    });

    it.each([
      ['a password over 128 characters', { password: 'p'.repeat(129) }],
      ['a mailed deletion token (not offered)', { password: 'whatever-it-is', token: 'x' }],
      ['a callbackURL', { password: 'whatever-it-is', callbackURL: '/' }],
    ])('delete-user refuses %s and keeps the account', async (_, body) => {
      const user = await createUser(api.baseUrl);
      expectRefused(await post('/api/auth/delete-user', { ...body }, user));
      expect(await storedUser(user.email)).toBeDefined();
    });
  });

  describe('what Better Auth stores about sessions', () => {
    it(`keeps a User-Agent to ${USER_AGENT_MAX_LENGTH} characters`, async () => {
      const user = await createUser(api.baseUrl);
      const agent = `agent/${'x'.repeat(2000)}`;
      const response = await request(api.baseUrl)
        .post('/api/auth/sign-in/email')
        .set('User-Agent', agent)
        .send({ email: user.email, password: user.password })
        .expect(200);
      const sessions = await request(api.baseUrl)
        .get('/api/auth/list-sessions')
        .set('Authorization', `Bearer ${response.body.token}`)
        .expect(200);
      const stored = sessions.body.find((session: { token: string }) => session.token === response.body.token);
      expect(stored.userAgent).toBe(agent.slice(0, USER_AGENT_MAX_LENGTH));
    });

    it(`keeps at most ${MAX_SESSIONS_PER_USER} sessions per user: one more ends the oldest, and its JWTs`, async () => {
      const user = await createUser(api.baseUrl);
      for (let i = 1; i < MAX_SESSIONS_PER_USER; i++) await signIn(api.baseUrl, user.email, user.password);
      const newest = await signIn(api.baseUrl, user.email, user.password);
      const sessions = await request(api.baseUrl)
        .get('/api/auth/list-sessions')
        .set('Authorization', `Bearer ${newest}`)
        .expect(200);
      expect(sessions.body).toHaveLength(MAX_SESSIONS_PER_USER);
      expect(sessions.body.map((session: { token: string }) => session.token)).not.toContain(user.sessionToken);
      // Revocations reach the JWT check within a second (the contract's bound): poll that long.
      const me = () => request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`);
      const started = Date.now();
      let status = (await me()).status;
      while (status === 200 && Date.now() - started < 1000) status = (await me()).status;
      expect(status).toBe(401);
    });
  });
});
