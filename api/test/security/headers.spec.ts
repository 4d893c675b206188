import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser } from '../support/auth-fixtures.js';
import { SECURITY_WEB_ORIGIN, type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

describe('response headers', () => {
  let api: SecurityTarget;
  beforeAll(async () => {
    api = await startSecurityTarget();
  });
  afterAll(() => api.stop());

  it.each(['/api/health', '/api/users/me', '/api/auth/jwks', '/api/no-such-route', '/api/docs-json'])(
    'sends nosniff, frame denial and no X-Powered-By on %s',
    async (path) => {
      const response = await request(api.baseUrl).get(path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-powered-by']).toBeUndefined();
    },
  );

  it('marks responses that carry tokens or user data no-store', async () => {
    const user = await createUser(api.baseUrl);
    const responses = [
      await request(api.baseUrl).post('/api/auth/sign-in/email').send({ email: user.email, password: user.password }),
      await request(api.baseUrl).get('/api/auth/token').set('Authorization', `Bearer ${user.sessionToken}`),
      await request(api.baseUrl).get('/api/auth/get-session').set('Authorization', `Bearer ${user.sessionToken}`),
      await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`),
      await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${user.jwt}`),
    ];
    for (const response of responses) expect(response.headers['cache-control']).toMatch(/no-store/);
  });

  it.each([
    'https://evil.example',
    `${SECURITY_WEB_ORIGIN}.evil.net`,
    'https://evil-web.taskvault.test',
    'http://web.taskvault.test',
    'null',
  ])('gives no CORS grant to %s, on simple and preflight requests', async (origin) => {
    const simple = await request(api.baseUrl).get('/api/users/me').set('Origin', origin);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(api.baseUrl)
      .options('/api/tasks')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('grants CORS with credentials to the configured web origin', async () => {
    const response = await request(api.baseUrl).get('/api/health').set('Origin', SECURITY_WEB_ORIGIN);
    expect(response.headers['access-control-allow-origin']).toBe(SECURITY_WEB_ORIGIN);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });
});
