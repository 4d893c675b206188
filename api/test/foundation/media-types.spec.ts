import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('media types', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it.each(['/api/tasks', '/api/auth/sign-in/email'])(
    'answers a body the API does not read (XML) on %s with a problem+json 415',
    async (path) => {
      const response = await request(api.baseUrl).post(path).set('Content-Type', 'application/xml').send('<task/>');
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    },
  );
});
