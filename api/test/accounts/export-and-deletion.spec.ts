import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { createUser, jwtFor, signIn } from '../support/auth-fixtures.js';
import { expectJwtRefusedWithinASecond } from '../support/mail-fixtures.js';
import { obtainTokens, postForm, RedirectListener, registerApp } from '../support/oauth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken, statusWithinASecond } from '../support/token-fixtures.js';

describe('account export and deletion', () => {
  let mailbox: LocalMailbox;
  let database: TestDatabase;
  let api: TestApp;
  /** A second instance on the same database: revocations must reach it too. */
  let other: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    database = await createTestDatabase();
    api = await startTestApp({ SMTP_URL: mailbox.smtpUrl, MAIL_POLL_SECONDS: '0.5' }, database);
    other = await startTestApp({ SMTP_URL: mailbox.smtpUrl, MAIL_POLL_SECONDS: '0.5' }, database);
  });
  afterAll(async () => {
    await other.close();
    await api.close();
    await database.drop();
    await mailbox.stop();
  });

  const exportFor = (jwt: string) =>
    request(api.baseUrl).get('/api/users/me/export').set('Authorization', `Bearer ${jwt}`);
  const deleteUser = (sessionToken: string, body: Record<string, unknown>) =>
    request(api.baseUrl).post('/api/auth/delete-user').set('Authorization', `Bearer ${sessionToken}`).send(body);

  async function countRows(sql: string, values: unknown[]): Promise<number> {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql, values)).rows[0].n);
    } finally {
      await client.end();
    }
  }

  it("exports the caller's profile and every task, and nobody else's", async () => {
    const user = await createUser(api.baseUrl, { name: 'Ada' });
    const other = await createUser(api.baseUrl);
    const mine = [];
    for (let i = 0; i < 25; i++) mine.push(await createTask(api.baseUrl, user.jwt, { title: `mine ${i}` }));
    await createTask(api.baseUrl, other.jwt, { title: 'not yours' });

    const response = await exportFor(user.jwt).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="taskvault-export.json"');
    expect(response.headers['cache-control']).toMatch(/no-store/);
    expect(response.body.profile).toMatchObject({ id: user.id, name: 'Ada', email: user.email });
    expect(response.body.tasks.map((task: { id: string }) => task.id).sort()).toEqual(
      mine.map((task) => task.id).sort(),
    );
    expect(JSON.stringify(response.body)).not.toContain('not yours');
    expect(JSON.stringify(response.body)).not.toContain(other.id);
  });

  it('needs a valid JWT to export', async () => {
    const response = await request(api.baseUrl).get('/api/users/me/export');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses to delete the account without the password, or with a wrong one', async () => {
    const user = await createUser(api.baseUrl);
    const none = await deleteUser(user.sessionToken, {});
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('PASSWORD_REQUIRED');
    const wrong = await deleteUser(user.sessionToken, { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_PASSWORD');
    await signIn(api.baseUrl, user.email, user.password);
  });

  it('deletes the account with the password: tasks and sessions gone, every JWT refused, a notice sent', async () => {
    const user = await createUser(api.baseUrl);
    const secondSession = await signIn(api.baseUrl, user.email, user.password);
    const secondJwt = await jwtFor(api.baseUrl, secondSession);
    await createTask(api.baseUrl, user.jwt, { title: 'soon gone' });

    const deleted = await deleteUser(user.sessionToken, { password: user.password });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, message: 'User deleted' });

    await expectJwtRefusedWithinASecond(api.baseUrl, user.jwt);
    await expectJwtRefusedWithinASecond(api.baseUrl, secondJwt);
    expect(await countRows('select count(*) as n from "task" where "owner_id" = $1', [user.id])).toBe(0);
    expect(await countRows('select count(*) as n from "session" where "userId" = $1', [user.id])).toBe(0);
    expect(await countRows('select count(*) as n from "account" where "userId" = $1', [user.id])).toBe(0);
    const again = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(again.status).toBe(401);
    const notice = await mailbox.waitFor(user.email, /account was deleted/i);
    expect(notice.text).toMatch(/if this wasn’t you/i);
  });

  it("ends the account's OAuth grants: an app's access token refused within a second on every instance, its refresh token dead", async () => {
    const developer = await createUser(api.baseUrl);
    const user = await createUser(api.baseUrl);
    const listener = await new RedirectListener().start();
    try {
      const app = await registerApp(api.baseUrl, developer.sessionToken, {
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [listener.url],
      });
      const resource = (
        (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
      ).resource;
      const tokens = await obtainTokens(api.baseUrl, user.sessionToken, app, listener, {
        scope: 'tasks:read offline_access',
        resource,
      });
      const tasks = (base: string) => () =>
        request(base).get('/api/tasks').set('Authorization', `Bearer ${tokens.access_token}`);
      await tasks(api.baseUrl)().expect(200);
      await tasks(other.baseUrl)().expect(200);

      await deleteUser(user.sessionToken, { password: user.password }).expect(200);

      expect(await statusWithinASecond(tasks(other.baseUrl), 401)).toBe(401);
      expect(await statusWithinASecond(tasks(api.baseUrl), 401)).toBe(401);
      const refreshed = await postForm(
        `${api.baseUrl}/api/auth/oauth2/token`,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, resource },
        app,
      );
      expect(refreshed.status).toBe(400);
      expect(refreshed.body.error).toBe('invalid_grant');
      for (const table of ['oauthConsent', 'oauthRefreshToken', 'oauthAccessToken']) {
        expect(await countRows(`select count(*) as n from "${table}" where "userId" = $1`, [user.id])).toBe(0);
      }
      // The developer's app is the developer's: it stays.
      expect(await countRows('select count(*) as n from "oauthClient" where "clientId" = $1', [app.client_id])).toBe(1);
    } finally {
      await listener.close();
    }
  });

  it("deletes the account's personal tokens: each refused within a second, on every instance", async () => {
    const user = await createUser(api.baseUrl);
    const token = await createPersonalToken(api.baseUrl, user.sessionToken, { scopes: ['tasks:read'] });
    const me = (base: string) => () => request(base).get('/api/users/me').set('Authorization', `Bearer ${token.token}`);
    // Both instances have the token in their caches before the deletion.
    await me(api.baseUrl)().expect(200);
    await me(other.baseUrl)().expect(200);

    await deleteUser(user.sessionToken, { password: user.password }).expect(200);

    expect(await statusWithinASecond(me(other.baseUrl), 401)).toBe(401);
    expect(await statusWithinASecond(me(api.baseUrl), 401)).toBe(401);
    expect(await countRows('select count(*) as n from "personal_access_token" where "user_id" = $1', [user.id])).toBe(
      0,
    );
  });
});
