import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, signIn, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, TEST_WEB_ORIGIN, type TestApp } from '../support/test-app.js';
import { createPersonalToken, onDatabase, PERSONAL_TOKEN_SHAPE } from '../support/token-fixtures.js';

const DAY_MS = 86_400_000;
const SOME_USER_ID = '00000000-0000-4000-8000-000000000000';

describe('personal access tokens: /api/tokens', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
  });
  afterAll(() => api.close());

  const withSession = (user: TestUser) => ({ Authorization: `Bearer ${user.sessionToken}` });
  const create = (headers: Record<string, string>, body: object) =>
    request(api.baseUrl).post('/api/tokens').set(headers).send(body);
  const list = (user: TestUser) => request(api.baseUrl).get('/api/tokens').set(withSession(user));

  async function cookieOf(user: TestUser): Promise<string> {
    const response = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    return ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  it('creates a token: 201 with the secret once, tvp_ and 43+ base62 characters, 90 days by default', async () => {
    const before = Date.now();
    const response = await create(withSession(alice), { name: 'Backup script', scopes: ['tasks:read'] }).expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(response.body).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'scopes', 'token'].sort(),
    );
    expect(response.body).toMatchObject({ name: 'Backup script', scopes: ['tasks:read'], lastUsedAt: null });
    expect(response.body.token).toMatch(PERSONAL_TOKEN_SHAPE);
    expect(response.body.token.startsWith(response.body.prefix)).toBe(true);
    expect(response.body.prefix).toMatch(/^tvp_[0-9A-Za-z]+$/);
    const expires = Date.parse(response.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 90 * DAY_MS - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS + 1000);
  });

  it.each([1, 30, 366])('takes an expiry of %i days', async (days) => {
    const token = await createPersonalToken(api.baseUrl, bob.sessionToken, { expiresInDays: days });
    const expected = Date.parse(token.createdAt) + days * DAY_MS;
    expect(Math.abs(Date.parse(token.expiresAt) - expected)).toBeLessThan(2000);
  });

  it('keeps both scopes in their canonical order', async () => {
    const token = await createPersonalToken(api.baseUrl, bob.sessionToken, { scopes: ['tasks:write', 'tasks:read'] });
    expect(token.scopes).toEqual(['tasks:read', 'tasks:write']);
  });

  it('lists the caller’s tokens newest first, with last use, never the secret', async () => {
    const user = await createUser(api.baseUrl);
    const first = await createPersonalToken(api.baseUrl, user.sessionToken, { name: 'first' });
    const second = await createPersonalToken(api.baseUrl, user.sessionToken, {
      name: 'second',
      scopes: ['tasks:read'],
    });
    await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${first.token}`).expect(200);
    const response = await list(user).expect(200);
    expect(response.body.items.map((item: { name: string }) => item.name)).toEqual(['second', 'first']);
    const [listedSecond, listedFirst] = response.body.items;
    const { token: _secret, ...withoutSecret } = second;
    expect(listedSecond).toEqual(withoutSecret);
    expect(listedFirst.lastUsedAt).toEqual(expect.any(String));
    for (const secret of [first.token, second.token]) {
      expect(response.text).not.toContain(secret);
      expect(response.text).not.toContain(secret.slice(10));
    }
  });

  it('lists only the caller’s own tokens', async () => {
    const own = await createPersonalToken(api.baseUrl, bob.sessionToken, { name: 'bob only' });
    const response = await list(alice).expect(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).not.toContain(own.id);
  });

  it('revokes a token: 204, gone from the list, refused from then on', async () => {
    const token = await createPersonalToken(api.baseUrl, alice.sessionToken, { name: 'to revoke' });
    await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    await request(api.baseUrl).delete(`/api/tokens/${token.id}`).set(withSession(alice)).expect(204);
    const listed = await list(alice).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(token.id);
    await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`).expect(401);
  });

  it('answers 404 for revoking someone else’s token or an unknown one, and leaves it working', async () => {
    const bobs = await createPersonalToken(api.baseUrl, bob.sessionToken);
    for (const id of [bobs.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await request(api.baseUrl).delete(`/api/tokens/${id}`).set(withSession(alice));
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${bobs.token}`).expect(200);
  });

  it('answers 400 for a token id that is not a UUID', async () => {
    const response = await request(api.baseUrl).delete('/api/tokens/not-a-uuid').set(withSession(alice));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it.each([
    ['no name', { scopes: ['tasks:read'] }, 'name'],
    ['an empty name', { name: '   ', scopes: ['tasks:read'] }, 'name'],
    ['a name of 101 characters', { name: 'n'.repeat(101), scopes: ['tasks:read'] }, 'name'],
    [
      'a name of 102 code points (51 emoji with variation selectors)',
      { name: '❤️'.repeat(51), scopes: ['tasks:read'] },
      'name',
    ],
    ['a name with NUL', { name: 'a\u0000b', scopes: ['tasks:read'] }, 'name'],
    ['no scopes', { name: 'x' }, 'scopes'],
    ['an empty scope set', { name: 'x', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'x', scopes: ['tasks:admin'] }, 'scopes'],
    ['a future scope not offered yet', { name: 'x', scopes: ['calendar:write'] }, 'scopes'],
    ['a repeated scope', { name: 'x', scopes: ['tasks:read', 'tasks:read'] }, 'scopes'],
    ['scopes as a string', { name: 'x', scopes: 'tasks:read' }, 'scopes'],
    ['an expiry of 0 days', { name: 'x', scopes: ['tasks:read'], expiresInDays: 0 }, 'expiresInDays'],
    ['an expiry of 367 days', { name: 'x', scopes: ['tasks:read'], expiresInDays: 367 }, 'expiresInDays'],
    ['a fractional expiry', { name: 'x', scopes: ['tasks:read'], expiresInDays: 1.5 }, 'expiresInDays'],
    ['an expiry as a string', { name: 'x', scopes: ['tasks:read'], expiresInDays: '30' }, 'expiresInDays'],
    ['an unknown field', { name: 'x', scopes: ['tasks:read'], userId: SOME_USER_ID }, 'userId'],
  ])('refuses %s with 400 naming the field, and creates nothing', async (_label, body, field) => {
    const before = (await list(alice)).body.items.length;
    const response = await create(withSession(alice), body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect((await list(alice)).body.items.length).toBe(before);
  });

  describe('needs the user’s session', () => {
    it('accepts the session token as Bearer (shown above) and the session cookie', async () => {
      const cookie = await cookieOf(alice);
      await request(api.baseUrl).get('/api/tokens').set('Cookie', cookie).expect(200);
      const created = await create(
        { Cookie: cookie, Origin: TEST_WEB_ORIGIN },
        { name: 'cookie', scopes: ['tasks:read'] },
      );
      expect(created.status).toBe(201);
      await request(api.baseUrl)
        .delete(`/api/tokens/${created.body.id}`)
        .set({ Cookie: cookie, Origin: TEST_WEB_ORIGIN })
        .expect(204);
    });

    it('refuses a JWT with 403 on every route, and creates or revokes nothing', async () => {
      const existing = await createPersonalToken(api.baseUrl, alice.sessionToken);
      const before = (await list(alice)).body.items.length;
      const jwt = { Authorization: `Bearer ${alice.jwt}` };
      expect((await create(jwt, { name: 'minted by a JWT', scopes: ['tasks:read'] })).status).toBe(403);
      expect((await request(api.baseUrl).get('/api/tokens').set(jwt)).status).toBe(403);
      expect((await request(api.baseUrl).delete(`/api/tokens/${existing.id}`).set(jwt)).status).toBe(403);
      expect((await list(alice)).body.items.length).toBe(before);
    });

    it('refuses a personal access token with 403, whatever its scopes', async () => {
      const pat = await createPersonalToken(api.baseUrl, alice.sessionToken, { scopes: ['tasks:read', 'tasks:write'] });
      const before = (await list(alice)).body.items.length;
      const headers = { Authorization: `Bearer ${pat.token}` };
      const minted = await create(headers, { name: 'minted by a PAT', scopes: ['tasks:read'], expiresInDays: 366 });
      expect(minted.status).toBe(403);
      expect(minted.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await request(api.baseUrl).get('/api/tokens').set(headers)).status).toBe(403);
      expect((await request(api.baseUrl).delete(`/api/tokens/${pat.id}`).set(headers)).status).toBe(403);
      expect((await list(alice)).body.items.length).toBe(before);
    });

    it('refuses a JWT even when a valid session cookie rides along', async () => {
      const cookie = await cookieOf(alice);
      const response = await create(
        { Cookie: cookie, Origin: TEST_WEB_ORIGIN, Authorization: `Bearer ${alice.jwt}` },
        { name: 'x', scopes: ['tasks:read'] },
      );
      expect(response.status).toBe(403);
    });

    it('answers 401 with a bearer challenge without a credential, or with a bad or ended one', async () => {
      const signedOut = await signIn(api.baseUrl, alice.email, alice.password);
      await request(api.baseUrl).post('/api/auth/sign-out').set('Authorization', `Bearer ${signedOut}`).expect(200);
      for (const headers of [
        {},
        { Authorization: 'Bearer not-a-session-token' },
        { Authorization: `Bearer ${signedOut}` },
        { Authorization: `Bearer ${alice.jwt.slice(0, -4)}AAAA` },
        { Authorization: 'Bearer tvp_0000000000000000000000000000000000000000000' },
        { Cookie: 'better-auth.session_token=forged.value' },
      ]) {
        const response = await request(api.baseUrl).get('/api/tokens').set(headers);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      }
    });

    it('checks credentials before input: 403 for a JWT with a bad body or id', async () => {
      const jwt = { Authorization: `Bearer ${alice.jwt}` };
      expect((await create(jwt, { name: '' })).status).toBe(403);
      expect((await request(api.baseUrl).delete('/api/tokens/not-a-uuid').set(jwt)).status).toBe(403);
      expect((await create({}, { name: '' })).status).toBe(401);
    });
  });

  describe('at most 50 live tokens per user', () => {
    it('refuses the 51st with 409 and a problem body; an expired one frees a place', async () => {
      const user = await createUser(api.baseUrl);
      for (let i = 0; i < 50; i++) await createPersonalToken(api.baseUrl, user.sessionToken, { name: `t${i}` });
      const refused = await create(withSession(user), { name: 'one too many', scopes: ['tasks:read'] });
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, title: 'Conflict', detail: expect.stringContaining('50') });

      await onDatabase(api.databaseUrl, (client) =>
        client.query(
          `update "personal_access_token" set "expires_at" = now() - interval '1 hour'
            where "id" = (select "id" from "personal_access_token" where "user_id" = $1 limit 1)`,
          [user.id],
        ),
      );
      await create(withSession(user), { name: 'replacement', scopes: ['tasks:read'] }).expect(201);
      const listed = await list(user).expect(200);
      expect(listed.body.items.length).toBe(51);
      expect(Date.parse(listed.body.items.at(-1).expiresAt)).toBeLessThan(Date.now());
    });

    it('holds under parallel requests: exactly 50 are created', async () => {
      const user = await createUser(api.baseUrl);
      for (let i = 0; i < 44; i++) await createPersonalToken(api.baseUrl, user.sessionToken, { name: `t${i}` });
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          create(withSession(user), { name: `parallel ${i}`, scopes: ['tasks:read'] }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(6);
      expect(statuses.filter((status) => status === 409)).toHaveLength(6);
      expect((await list(user)).body.items).toHaveLength(50);
    });
  });

  describe('last use', () => {
    it('is recorded on first use and then at most once a minute: no write per request', async () => {
      const token = await createPersonalToken(api.baseUrl, alice.sessionToken);
      const rowVersion = () =>
        onDatabase(api.databaseUrl, async (client) => {
          const { rows } = await client.query<{ xmin: string; last_used_at: Date | null }>(
            'select xmin, "last_used_at" from "personal_access_token" where "id" = $1',
            [token.id],
          );
          return rows[0];
        });
      expect((await rowVersion()).last_used_at).toBeNull();
      await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token.token}`).expect(200);
      // The write is fire-and-forget: wait for it to land.
      let first = await rowVersion();
      while (first.last_used_at === null) first = await rowVersion();
      for (let i = 0; i < 20; i++) {
        await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${token.token}`).expect(200);
      }
      const after = await rowVersion();
      // xmin changes with every UPDATE of the row: unchanged means not one more write.
      expect(after.xmin).toBe(first.xmin);
      expect(after.last_used_at).toEqual(first.last_used_at);
    });
  });

  describe('what account events do to tokens', () => {
    it('keeps tokens working after signing out everywhere and after a password change', async () => {
      const user = await createUser(api.baseUrl);
      const token = await createPersonalToken(api.baseUrl, user.sessionToken);
      await request(api.baseUrl)
        .post('/api/auth/change-password')
        .set(withSession(user))
        .send({ currentPassword: user.password, newPassword: 'another-password-123', revokeOtherSessions: true })
        .expect(200);
      await request(api.baseUrl).post('/api/auth/sign-out').set(withSession(user)).expect(200);
      await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`).expect(200);
    });

    it('revokes every token of a deleted user (cascade), refused at once', async () => {
      const user = await createUser(api.baseUrl);
      const token = await createPersonalToken(api.baseUrl, user.sessionToken);
      await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`).expect(200);
      await onDatabase(api.databaseUrl, (client) => client.query('delete from "user" where "id" = $1', [user.id]));
      const remaining = await onDatabase(api.databaseUrl, (client) =>
        client.query('select 1 from "personal_access_token" where "user_id" = $1', [user.id]),
      );
      expect(remaining.rowCount).toBe(0);
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 1000) {
        status = (await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`)).status;
      }
      expect(status).toBe(401);
    });
  });
});
