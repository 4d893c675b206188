import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createUser, uniqueEmail } from '../support/auth-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createPersonalToken } from '../support/token-fixtures.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const stores: Array<[string, () => Promise<Record<string, string> | undefined>]> = [
  ['PostgreSQL', async () => ({})],
  ['Redis', async () => ((await redisReachable(REDIS_URL)) ? { REDIS_URL } : undefined)],
];

describe.each(stores)('two API processes on one database, rate limits in %s', (store, storeEnv) => {
  let database: TestDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let available = true;

  beforeAll(async () => {
    const env = await storeEnv();
    if (!env) {
      available = false;
      if (process.env.CI) throw new Error(`${store} is not reachable at ${REDIS_URL}, and CI must run this`);
      return;
    }
    database = await createTestDatabase();
    const shared = {
      ...env,
      DATABASE_URL: database.url,
      // Instances behind one load balancer share one public URL: the JWTs' issuer.
      API_PUBLIC_URL: 'https://api.taskvault.test',
      SIGN_IN_ACCOUNT_FAILURE_LIMIT: '4',
      SIGN_UP_IP_LIMIT: '1000',
      SIGN_IN_IP_LIMIT: '1000',
      AUTH_IP_LIMIT: '10000',
    };
    [a, b] = await Promise.all([startApiProcess(shared), startApiProcess(shared)]);
  }, 120_000);

  afterAll(async () => {
    if (!available) return;
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    await database.drop();
  });

  it('refuses on instance B, within a second, a JWT whose session signed out on instance A', async () => {
    if (!available) return;
    const user = await createUser(a.baseUrl);
    await request(b.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`).expect(200);
    await request(a.baseUrl).post('/api/auth/sign-out').set('Authorization', `Bearer ${user.sessionToken}`).expect(200);
    const signedOutAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - signedOutAt < 1000) {
      status = (await request(b.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - signedOutAt).toBeLessThan(1000);
  });

  it('refuses on instance B, within a second, a personal token revoked on instance A', async () => {
    if (!available) return;
    const user = await createUser(a.baseUrl);
    const token = await createPersonalToken(a.baseUrl, user.sessionToken);
    const meOnB = () => request(b.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${token.token}`);
    // Used on B first, so B holds it in its cache: only the revocation notice can stop it there.
    await meOnB().expect(200);
    await meOnB().expect(200);
    await request(a.baseUrl)
      .delete(`/api/tokens/${token.id}`)
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .expect(204);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 1000) status = (await meOnB()).status;
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('counts failed sign-ins for one account across both instances', async () => {
    if (!available) return;
    const user = await createUser(b.baseUrl, { email: uniqueEmail(`multi-${store.toLowerCase()}`) });
    const fail = (api: ApiProcess) =>
      request(api.baseUrl).post('/api/auth/sign-in/email').send({ email: user.email, password: 'wrong-password' });
    for (const api of [a, b, a, b]) expect((await fail(api)).status).toBe(401);
    const blockedOnA = await fail(a);
    const blockedOnB = await fail(b);
    expect(blockedOnA.status).toBe(429);
    expect(blockedOnB.status).toBe(429);
    expect(Number(blockedOnB.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('reads through instance B the tasks written through instance A', async () => {
    if (!available) return;
    const user = await createUser(a.baseUrl);
    const created = await request(a.baseUrl)
      .post('/api/tasks')
      .set('Authorization', `Bearer ${user.jwt}`)
      .send({ title: 'Written on A' })
      .expect(201);
    const read = await request(b.baseUrl)
      .get(`/api/tasks/${created.body.id}`)
      .set('Authorization', `Bearer ${user.jwt}`)
      .expect(200);
    expect(read.body.title).toBe('Written on A');
    await request(b.baseUrl)
      .patch(`/api/tasks/${created.body.id}/complete`)
      .set('Authorization', `Bearer ${user.jwt}`)
      .expect(200);
    const list = await request(a.baseUrl)
      .get('/api/tasks?status=done')
      .set('Authorization', `Bearer ${user.jwt}`)
      .expect(200);
    expect(list.body.items.map((task: { id: string }) => task.id)).toEqual([created.body.id]);
  });

  it('verifies on instance B the JWTs minted on instance A (shared signing keys)', async () => {
    if (!available) return;
    const user = await createUser(a.baseUrl);
    const me = await request(b.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });
});
