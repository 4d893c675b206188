import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, TEST_WEB_ORIGIN, type TestApp } from '../support/test-app.js';

describe('CORS and security headers', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ HSTS_ENABLED: 'true' });
  });
  afterAll(() => api.close());

  it('allows the configured web origin with credentials, PATCH included', async () => {
    const response = await request(api.baseUrl)
      .options('/api/tasks/00000000-0000-4000-8000-000000000000')
      .set('Origin', TEST_WEB_ORIGIN)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(TEST_WEB_ORIGIN);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-allow-methods']).toContain('PATCH');
  });

  it.each(['https://evil.example', `${TEST_WEB_ORIGIN}.evil.net`, 'http://localhost:51730', 'null'])(
    'gives no CORS grant to %s',
    async (origin) => {
      const response = await request(api.baseUrl).get('/api/health').set('Origin', origin);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it('sends HSTS when enabled', async () => {
    const response = await request(api.baseUrl).get('/api/health');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('marks API responses no-store', async () => {
    const response = await request(api.baseUrl).get('/api/users/me');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
