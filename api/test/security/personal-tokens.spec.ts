import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { SECURITY_WEB_ORIGIN, type SecurityTarget, startSecurityTarget } from '../support/security-target.js';
import { mannWhitneyP, median } from '../support/statistics.js';
import {
  createPersonalToken,
  flipCharacter,
  neverIssuedToken,
  onDatabase,
  statusWithinASecond,
} from '../support/token-fixtures.js';

describe('attacks on personal access tokens', () => {
  let api: SecurityTarget;
  let victim: TestUser;
  beforeAll(async () => {
    api = await startSecurityTarget();
    victim = await createUser(api.baseUrl);
  });
  afterAll(() => api.stop());

  const me = (token: string) => request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token}`);
  const expectRefused = async (token: string) => {
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('refuses a revoked token within a second', async () => {
    const token = await createPersonalToken(api.baseUrl, victim.sessionToken);
    await me(token.token).expect(200);
    await request(api.baseUrl)
      .delete(`/api/tokens/${token.id}`)
      .set('Authorization', `Bearer ${victim.sessionToken}`)
      .expect(204);
    expect(await statusWithinASecond(() => me(token.token), 401)).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await createPersonalToken(api.baseUrl, victim.sessionToken, { expiresInDays: 1 });
    await onDatabase(api.databaseUrl, (client) =>
      client.query(`update "personal_access_token" set "expires_at" = now() - interval '1 second' where "id" = $1`, [
        token.id,
      ]),
    );
    await expectRefused(token.token);
  });

  it('refuses a token with any one character flipped', async () => {
    const token = await createPersonalToken(api.baseUrl, victim.sessionToken);
    await me(token.token).expect(200);
    for (const index of [0, 5, 21, 42]) await expectRefused(flipCharacter(token.token, index));
    await expectRefused(token.token.toUpperCase());
    await expectRefused(`${token.token}0`);
    await expectRefused(token.token.slice(0, -1));
    await me(token.token).expect(200);
  });

  it('refuses a token of the right shape that was never issued', async () => {
    for (let i = 0; i < 5; i++) await expectRefused(neverIssuedToken());
  });

  it('takes the same time for a never-issued token as for a wrong one (interleaved samples, Mann-Whitney)', async () => {
    const token = await createPersonalToken(api.baseUrl, victim.sessionToken);
    const time = async (candidate: string) => {
      const started = performance.now();
      const response = await me(candidate);
      expect(response.status).toBe(401);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await time(neverIssuedToken()); // warm-up
    const wrong: number[] = [];
    const neverIssued: number[] = [];
    for (let i = 0; i < 40; i++) {
      wrong.push(await time(flipCharacter(token.token, i % 43)));
      neverIssued.push(await time(neverIssuedToken()));
    }
    const p = mannWhitneyP(wrong, neverIssued);
    const gap = Math.abs(median(wrong) - median(neverIssued));
    // An early-out on a matching prefix or id would make the wrong ones consistently slower.
    expect(gap).toBeLessThan(0.3 * Math.max(median(wrong), median(neverIssued)));
    expect(p).toBeGreaterThan(0.001);
  });

  it.each(['access_token', 'token', 'api_key', 'private_token'])(
    'refuses a valid token in the query string (%s)',
    async (parameter) => {
      const token = await createPersonalToken(api.baseUrl, victim.sessionToken);
      for (const path of ['/api/users/me', '/api/tasks', '/api/tokens']) {
        const response = await request(api.baseUrl).get(`${path}?${parameter}=${token.token}`);
        expect(response.status).toBe(401);
      }
    },
  );

  it('never returns a secret from the list, and stores only its SHA-256', async () => {
    const tokens = await Promise.all(
      [1, 2, 3].map((i) => createPersonalToken(api.baseUrl, victim.sessionToken, { name: `listed ${i}` })),
    );
    const listed = await request(api.baseUrl)
      .get('/api/tokens')
      .set('Authorization', `Bearer ${victim.sessionToken}`)
      .expect(200);
    for (const { token } of tokens) {
      expect(listed.text).not.toContain(token);
      expect(listed.text).not.toContain(token.slice(12));
      expect(listed.text).not.toContain(createHash('sha256').update(token).digest('hex'));
      expect(listed.text).not.toContain(createHash('sha256').update(token).digest('base64'));
    }
    expect(listed.text).not.toMatch(/tvp_[0-9A-Za-z]{20,}/);
    const stored = await onDatabase(api.databaseUrl, async (client) => {
      const { rows } = await client.query<{ row: string; hash: Buffer }>(
        'select row_to_json(t)::text as "row", "secret_hash" as "hash" from "personal_access_token" t where "id" = any($1)',
        [tokens.map((token) => token.id)],
      );
      return rows;
    });
    expect(stored).toHaveLength(3);
    for (const { token } of tokens) {
      expect(stored.some(({ row }) => row.includes(token.slice(10)))).toBe(false);
      expect(stored.some(({ hash }) => hash.equals(createHash('sha256').update(token).digest()))).toBe(true);
    }
  });

  it('cannot be minted by a JWT or by another personal token (a stolen one cannot buy a year)', async () => {
    const pat = await createPersonalToken(api.baseUrl, victim.sessionToken);
    for (const credential of [victim.jwt, pat.token]) {
      const response = await request(api.baseUrl)
        .post('/api/tokens')
        .set('Authorization', `Bearer ${credential}`)
        .send({ name: 'persistence', scopes: ['tasks:read', 'tasks:write'], expiresInDays: 366 });
      expect(response.status).toBe(403);
    }
    const listed = await request(api.baseUrl)
      .get('/api/tokens')
      .set('Authorization', `Bearer ${victim.sessionToken}`)
      .expect(200);
    expect(listed.text).not.toContain('persistence');
  });

  it('refuses cookie-bearing token changes from a foreign origin, a lookalike, "null" or none (CSRF)', async () => {
    const signIn = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: victim.email, password: victim.password })
      .expect(200);
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const existing = await createPersonalToken(api.baseUrl, victim.sessionToken, { name: 'keep me' });
    for (const origin of ['https://evil.example', `${SECURITY_WEB_ORIGIN}.evil.net`, 'null', undefined]) {
      const post = request(api.baseUrl).post('/api/tokens').set('Cookie', cookie);
      const remove = request(api.baseUrl).delete(`/api/tokens/${existing.id}`).set('Cookie', cookie);
      if (origin) {
        post.set('Origin', origin);
        remove.set('Origin', origin);
      }
      expect((await post.send({ name: 'forged', scopes: ['tasks:write'] })).status).toBe(403);
      expect((await remove).status).toBe(403);
    }
    const read = await request(api.baseUrl)
      .get('/api/tokens')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .expect(200);
    // A foreign page may send the request but never read the answer: no CORS grant.
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.text).not.toContain('forged');
    expect(read.text).toContain('keep me');
    await request(api.baseUrl)
      .post('/api/tokens')
      .set('Cookie', cookie)
      .set('Origin', SECURITY_WEB_ORIGIN)
      .send({ name: 'from the web app', scopes: ['tasks:read'] })
      .expect(201);
  });

  it('refuses malformed tvp_ values without a server error', async () => {
    for (const value of [
      'tvp_',
      `tvp_${'a'.repeat(4000)}`,
      "tvp_' or 1=1 --aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      'tvp_ðððððððððððððððððððððððððððððððððððððððððð',
      `tvp_${'A'.repeat(43)}.x.y`,
    ]) {
      const response = await request(api.baseUrl)
        .get('/api/tasks')
        .set('Authorization', `Bearer ${encodeURI(value)}`);
      expect(response.status).toBe(401);
    }
  });

  it('lets a token of one user reach nothing of another’s, even knowing the ids', async () => {
    const attacker = await createUser(api.baseUrl);
    const attackerToken = await createPersonalToken(api.baseUrl, attacker.sessionToken);
    const victimTask = await createTask(api.baseUrl, victim.jwt, { title: 'Victim plans' });
    const victimToken = await createPersonalToken(api.baseUrl, victim.sessionToken, { name: 'victim token' });
    const as = (path: string) => request(api.baseUrl).get(path).set('Authorization', `Bearer ${attackerToken.token}`);
    expect((await as(`/api/tasks/${victimTask.id}`)).status).toBe(404);
    expect((await as(`/api/users/${victim.id}/tasks`)).status).toBe(403);
    const revoke = await request(api.baseUrl)
      .delete(`/api/tokens/${victimToken.id}`)
      .set('Authorization', `Bearer ${attacker.sessionToken}`);
    expect(revoke.status).toBe(404);
    await me(victimToken.token).expect(200);
  });
});
