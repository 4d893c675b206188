import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { PersonalTokenVerifier } from '../../src/personal-tokens/personal-token-verifier.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken, onDatabase } from '../support/token-fixtures.js';

describe('revoking and expiring personal access tokens', () => {
  let api: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    api = await startTestApp();
    alice = await createUser(api.baseUrl);
  });
  afterAll(() => api.close());

  const me = (token: string) => request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token}`);
  const verifier = () => api.app.get(PersonalTokenVerifier);

  async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('refuses a token whose expiry passes while it is cached, without asking the database', async () => {
    const token = await createPersonalToken(api.baseUrl, alice.sessionToken);
    await onDatabase(api.databaseUrl, (client) =>
      client.query(
        `update "personal_access_token" set "expires_at" = now() + interval '1500 milliseconds' where "id" = $1`,
        [token.id],
      ),
    );
    await me(token.token).expect(200);
    const expiresAt = await onDatabase(api.databaseUrl, async (client) => {
      const { rows } = await client.query<{ expires_at: Date }>(
        'select "expires_at" from "personal_access_token" where "id" = $1',
        [token.id],
      );
      return rows[0].expires_at.getTime();
    });
    let status = 200;
    while (status === 200) {
      status = (await me(token.token)).status;
      if (status === 200) expect(Date.now()).toBeLessThan(expiresAt + 1000);
    }
    expect(status).toBe(401);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);
  });

  it('refuses a token that had expired before its first use', async () => {
    const token = await createPersonalToken(api.baseUrl, alice.sessionToken);
    await onDatabase(api.databaseUrl, (client) =>
      client.query(`update "personal_access_token" set "expires_at" = now() - interval '1 second' where "id" = $1`, [
        token.id,
      ]),
    );
    const response = await me(token.token);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('invalid_token');
  });

  it('fails closed while the revocation listener is down: a revocation it never heard of still refuses', async () => {
    const token = await createPersonalToken(api.baseUrl, alice.sessionToken);
    await me(token.token).expect(200); // now cached
    expect(verifier().listening).toBe(true);
    await onDatabase(api.databaseUrl, (client) =>
      client.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'taskvault-token-revocations' and datname = current_database()`,
      ),
    );
    await until(() => !verifier().listening, 'the listener to notice it was cut off');
    // Revoke without the trigger: no notice is sent, as if it had been lost.
    await onDatabase(api.databaseUrl, async (client) => {
      await client.query('begin');
      await client.query('alter table "personal_access_token" disable trigger "personal_token_revoked"');
      await client.query('delete from "personal_access_token" where "id" = $1', [token.id]);
      await client.query('alter table "personal_access_token" enable trigger "personal_token_revoked"');
      await client.query('commit');
    });
    await me(token.token).expect(401);
    // And once it is back, it listens again.
    await until(() => verifier().listening, 'the listener to reconnect');
    await me(token.token).expect(401);
    const fresh = await createPersonalToken(api.baseUrl, alice.sessionToken);
    await me(fresh.token).expect(200);
    await request(api.baseUrl)
      .delete(`/api/tokens/${fresh.id}`)
      .set('Authorization', `Bearer ${alice.sessionToken}`)
      .expect(204);
    await me(fresh.token).expect(401);
  });
});
