import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, uniqueEmail } from '../support/auth-fixtures.js';
import { type SecurityTarget, startSecurityTarget } from '../support/security-target.js';
import { mannWhitneyP } from '../support/statistics.js';

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

describe('attacks on passwords', () => {
  let api: SecurityTarget;
  beforeAll(async () => {
    // A real work factor, so that skipping the hash for unknown emails would show in the timing.
    api = await startSecurityTarget({ BCRYPT_COST: '10', SIGN_IN_ACCOUNT_FAILURE_LIMIT: '1000' });
  });
  afterAll(() => api.stop());

  const signIn = (email: string, password: string) =>
    request(api.baseUrl).post('/api/auth/sign-in/email').send({ email, password });
  const signUp = (password: string) =>
    request(api.baseUrl)
      .post('/api/auth/sign-up/email')
      .send({ name: 'P', email: uniqueEmail('pw'), password });

  it('does not let a password through on its first 72 bytes alone', async () => {
    const prefix = 'A'.repeat(72);
    const user = await createUser(api.baseUrl, { password: `${prefix}secret-tail` });
    expect((await signIn(user.email, `${prefix}another-tail`)).status).toBe(401);
    expect((await signIn(user.email, prefix)).status).toBe(401);
    expect((await signIn(user.email, `${prefix}secret-tail`)).status).toBe(200);
  });

  it('does not let a multi-byte password through when it differs past 72 bytes', async () => {
    const prefix = '🔑'.repeat(18); // 72 bytes of 4-byte characters
    const user = await createUser(api.baseUrl, { password: `${prefix}门` });
    expect((await signIn(user.email, `${prefix}窗`)).status).toBe(401);
    expect((await signIn(user.email, `${prefix}门`)).status).toBe(200);
  });

  it.each([
    [7, 400],
    [8, 200],
    [128, 200],
    [129, 400],
  ])('answers a %i-character password at sign-up with %i', async (length, status) => {
    expect((await signUp('p'.repeat(length))).status).toBe(status);
  });

  it('answers an unknown email and a wrong password with the same status and body', async () => {
    const user = await createUser(api.baseUrl);
    const wrong = await signIn(user.email, 'not-the-password');
    const unknown = await signIn(uniqueEmail('ghost'), 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('takes the same time for an unknown email as for a wrong password (interleaved samples, Mann-Whitney)', async () => {
    const user = await createUser(api.baseUrl);
    const time = async (email: string) => {
      const started = performance.now();
      const response = await signIn(email, 'not-the-password');
      expect(response.status).toBe(401);
      return performance.now() - started;
    };
    await time(user.email); // warm-up
    const wrongPassword: number[] = [];
    const unknownEmail: number[] = [];
    for (let i = 0; i < 24; i++) {
      wrongPassword.push(await time(user.email));
      unknownEmail.push(await time(uniqueEmail('ghost')));
    }
    const p = mannWhitneyP(wrongPassword, unknownEmail);
    const gap = Math.abs(median(wrongPassword) - median(unknownEmail));
    // A skipped hash costs a full bcrypt round (~50 ms at cost 10): the gap would dwarf the noise.
    expect(gap).toBeLessThan(0.3 * Math.max(median(wrongPassword), median(unknownEmail)));
    expect(p).toBeGreaterThan(0.001);
  });
});
