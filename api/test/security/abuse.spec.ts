import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, uniqueEmail } from '../support/auth-fixtures.js';
import { type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

const expectTooMany = (response: request.Response) => {
  expect(response.status).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
};

const expectNoLeak = (response: request.Response) => {
  expect(response.status).toBeLessThan(500);
  expect(response.text).not.toMatch(
    /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|QueryFailedError|TypeError|SELECT |INSERT /,
  );
};

describe('abuse: floods, spoofing, oversized input', () => {
  let api: SecurityTarget;
  beforeAll(async () => {
    api = await startSecurityTarget({ SIGN_IN_IP_LIMIT: '8', SIGN_IN_ACCOUNT_FAILURE_LIMIT: '3' });
  });
  afterAll(() => api.stop());

  const failedSignIn = (email: string, headers: Record<string, string> = {}) =>
    request(api.baseUrl).post('/api/auth/sign-in/email').set(headers).send({ email, password: 'guess' });

  it('stops a sign-in flood against one account with 429 and Retry-After', async () => {
    const victim = await createUser(api.baseUrl);
    for (let i = 0; i < 3; i++) expect((await failedSignIn(victim.email)).status).toBe(401);
    expectTooMany(await failedSignIn(victim.email));
  });

  it('stops a sign-in flood from one address, and a spoofed X-Forwarded-For does not reset it', async () => {
    // This address has used some of its 8 attempts above; keep going with fresh accounts.
    let response: request.Response | undefined;
    for (let i = 0; i < 8; i++) {
      response = await failedSignIn(uniqueEmail('flood'));
      if (response.status === 429) break;
    }
    expectTooMany(response!);
    expectTooMany(await failedSignIn(uniqueEmail('flood'), { 'X-Forwarded-For': '203.0.113.9' }));
    expectTooMany(
      await failedSignIn(uniqueEmail('flood'), {
        'X-Forwarded-For': '198.51.100.1, 203.0.113.10',
        'X-Real-IP': '203.0.113.11',
      }),
    );
  });

  it.each(['/api/tasks', '/api/auth/sign-up/email'])(
    'answers 2 MB and 8 MB bodies to %s with a 413 that Node’s own clients can read',
    async (path) => {
      const user = await createUser(api.baseUrl);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (path === '/api/tasks') headers.Authorization = `Bearer ${user.jwt}`;
      for (const megabytes of [2, 8]) {
        const body = JSON.stringify({ title: 'x'.repeat(megabytes * 1024 * 1024) });
        // Several tries: closing early while the client writes fails only now and then.
        for (let attempt = 0; attempt < 5; attempt++) {
          const response = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers, body });
          expect(response.status).toBe(413);
          expect(response.headers.get('content-type')).toMatch(/json/);
          expect(await response.text()).not.toMatch(/\bat [\w.<>]+ \(|node_modules/);
        }
      }
    },
  );

  it('answers malformed and hostile bodies without a 500 or a stack trace', async () => {
    const user = await createUser(api.baseUrl);
    const bodies = [
      '{',
      '[]',
      'null',
      '"string"',
      '{"__proto__":{"admin":true}}',
      '{"title":{"$gt":""}}',
      '\u0000',
      '{"title":"\\ud800"}',
    ];
    for (const path of ['/api/tasks', '/api/auth/sign-in/email', '/api/auth/sign-up/email']) {
      for (const body of bodies) {
        const response = await request(api.baseUrl)
          .post(path)
          .set('Authorization', `Bearer ${user.jwt}`)
          .set('Content-Type', 'application/json')
          .send(body);
        expectNoLeak(response);
      }
    }
  });

  it('answers hostile sign-up fields without a 500', async () => {
    for (const body of [
      { name: 'x'.repeat(50_000), email: uniqueEmail(), password: 'password-123' },
      { name: ['array'], email: uniqueEmail(), password: 'password-123' },
      { name: 'N', email: 'not-an-email', password: 'password-123' },
      { name: 'N', email: `${'a'.repeat(300)}@example.test`, password: 'password-123' },
      { name: 'N', email: uniqueEmail(), password: 12345678 },
    ]) {
      const response = await request(api.baseUrl).post('/api/auth/sign-up/email').send(body);
      expectNoLeak(response);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});
